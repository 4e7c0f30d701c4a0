"""Reliability and security: nothing lost, nothing injected, under faults and hostile input."""
