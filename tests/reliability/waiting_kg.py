"""``python waiting_kg.py GO_FILE ARGS…``: import kg, wait until GO_FILE exists, then run ``kg ARGS…``.

The imports (spaCy among them) take seconds; done beforehand, the command starts the moment the test says.
"""

import os
import sys
import time

from kg.cli import main

go, parent = sys.argv[1], os.getppid()
while not os.path.exists(go):
    if os.getppid() != parent:  # the test run is gone: so is the reason to wait
        sys.exit(3)
    time.sleep(0.01)
main(sys.argv[2:], prog_name="kg")
