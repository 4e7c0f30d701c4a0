"""Qualifiers of a fact read off its trigger and sentence: modality, attribution, amount, time.

The time is the temporal expression (:mod:`kg.extract.timex`) of the fact's own clause: one inside the
trigger's phrase, or attached to the trigger or to a verb that governs it ("a annoncé lundi un partenariat").
An expression of another clause of the sentence ("fondée en 2019, X a racheté Y") is not the fact's.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..model import Qualifiers
from .access import feature, span_at, text_of
from .descriptions import _is_definite
from .lexicon import Lexicon
from .mentions import Referents, token_table
from .timex import find_times, resolve

_NUMBER = re.compile(r"^\d+(?:[ \u202f\u00a0.]\d{3})*(?:[,.]\d+)?$")


def governors(token: Token, limit: int = 4):
    """The chain of verbs that govern ``token`` through infinitive/complement links ("devrait prendre")."""
    current = token
    for _ in range(limit):
        if current.dep_ not in {"xcomp", "ccomp", "advcl", "conj", "acl"} or current.head.i == current.i:
            return
        current = current.head
        yield current


def _negated(token: Token) -> bool:
    return any("Polarity=Neg" in str(child.morph) or child.lower_ in {"pas", "jamais", "aucun", "aucune", "ni"}
               and child.dep_ in {"advmod", "det"} for child in token.children)


def qualifiers(trigger: Token, sentence: Span, lexicon: Lexicon, referents: Referents, *,
               article_date: str | None = None) -> Qualifiers:
    """Modality (negated > expected > reported > asserted), attribution, amount and currency, and the time
    (resolved against ``article_date``, ISO ``YYYY-MM-DD``, when it is relative)."""
    chain = [trigger, *governors(trigger)]
    if trigger.pos_ == "NOUN" and trigger.head.i != trigger.i and trigger.head.pos_ in {"VERB", "AUX"}:
        head = trigger.head.lemma_
        # the verb that states the noun's event ("a annoncé un partenariat", "devrait signer un accord", "renonce
        # au rachat"); not one that takes it as its topic ("va examiner l'investissement": it was made)
        if head in lexicon.support_verbs or head in lexicon.expected_verbs or head in lexicon.negating_verbs \
                or head in lexicon.speech_verbs:
            chain = [trigger, trigger.head, *governors(trigger.head)]
        else:
            chain = [trigger]
    modality, attribution = "asserted", None
    if any(_negated(token) for token in chain if token.pos_ in {"VERB", "AUX"}) or \
            any(token.lemma_ in lexicon.negating_verbs for token in chain[1:]):
        modality = "negated"  # "n'a pas investi", "renonce à racheter"
    elif any(token.lemma_ in lexicon.expected_verbs for token in chain[1:]) or \
            any(_future(token) for token in chain if token.pos_ in {"VERB", "AUX"}):
        modality = "expected"
    elif any(_conditional(token) for token in chain if token.pos_ in {"VERB", "AUX"}):
        modality = "reported"
    table = token_table(sentence.doc, referents)
    for i in range(sentence.start, sentence.end):  # "selon X", "d'après X"
        marker = table.lower[i].replace("’", "'")
        if marker in lexicon.attribution_markers and table.dep[i] == "case":
            source = sentence.doc[i].head
            mention = referents.get(source)
            attribution = mention.text if mention else _phrase(source)
            if modality == "asserted":
                modality = "reported"
            break
    if attribution is None:
        for governor in chain[1:]:
            if governor.lemma_ in lexicon.speech_verbs:
                speaker = next((c for c in governor.children if c.dep_ == "nsubj"), None)
                if speaker is not None:
                    mention = referents.get(speaker)
                    attribution = mention.text if mention else None
                break
    amount, currency = _amount(trigger, sentence, lexicon, table)
    if amount is None and trigger.pos_ == "NOUN" and _is_definite(trigger):
        amount, currency = _earlier_amount(trigger, lexicon, referents)
    time = time_qualifiers(trigger, sentence, lexicon.lang, article_date=article_date, expected=modality == "expected")
    return Qualifiers(modality=modality, attribution=attribution, amount=amount, currency=currency, **time)


#: Links through which a verb's time is its complement's ("a annoncé lundi vouloir racheter"); not ``conj``
#: nor ``advcl``: a coordinated or adverbial clause has its own time ("né en 1962 et installé à Genève").
TIME_COMPLEMENTS = {"xcomp", "ccomp"}
#: A noun trigger takes the time of the verb it is an argument of ("a signé lundi un partenariat"), not of one
#: it only modifies through a preposition ("sous le coup d'une procédure depuis janvier, pour son investissement").
CORE_ARGUMENTS = {"obj", "nsubj", "nsubj:pass"}
#: Punctuation that closes the stretch of words a time expression is read in.
SEGMENT_BREAKS = {",", ";", ":", "(", ")", "—", "–"}


def time_chain(trigger: Token) -> list[Token]:
    """The trigger, the verb it is an argument of (for a noun: subject or object, not through a preposition),
    then the verbs it complements."""
    chain, current = [trigger], trigger
    argument = trigger.dep_ in CORE_ARGUMENTS or trigger.dep_.startswith("obl") and not any(
        child.dep_ == "case" and child.pos_ == "ADP" for child in trigger.children)  # an object parsed as obl
    if trigger.pos_ in {"NOUN", "PROPN"} and argument and trigger.head.pos_ in {"VERB", "AUX"}:
        current = trigger.head
        chain.append(current)
    for _ in range(4):
        if current.dep_ not in TIME_COMPLEMENTS or current.head.i == current.i:
            break
        current = current.head
        chain.append(current)
    return chain


def time_qualifiers(trigger: Token, sentence: Span, lang: str, *, article_date: str | None = None,
                    expected: bool = False) -> dict:
    """``time``, ``time_text`` and ``time_relation`` of the fact ``trigger`` states (the keys are
    :class:`~kg.model.Qualifiers` fields; empty when its clause has no time).

    A time expression is the fact's when it hangs from the trigger, or from a verb of :func:`time_chain`,
    without a verb of another clause in between, and no such verb stands alone with it between commas
    ("Née dans la ville en 1984, elle habite …"). Of several, the one attached closest to the trigger wins.
    """
    found = find_times(text_of(sentence), lang)
    if not found:
        return {}
    chain = time_chain(trigger)
    rank = {token.i: position for position, token in enumerate(chain)}
    inside = {token.i for token in trigger.subtree}
    doc = sentence.doc
    best = None
    for timex in found:
        span = span_at(doc, sentence.start_char + timex.start, sentence.start_char + timex.end)
        if span is None or not len(span):
            continue
        anchor = _attachment(span.root, rank)
        if anchor is None or _other_clause(span, sentence, rank):
            continue
        key = (rank[anchor.i], span.root.i not in inside, abs(span.root.i - trigger.i))
        if best is None or key < best[0]:
            best = (key, timex)
    if best is None:
        return {}
    timex = best[1]
    return {"time": resolve(timex, article_date, expected=expected), "time_text": " ".join(timex.text.split()),
            "time_relation": timex.relation or None}


def _attachment(token: Token, chain: dict) -> Token | None:
    """The token of the trigger's chain that ``token`` hangs from, None when a verb outside the chain comes
    first (the time belongs to another clause)."""
    current = token
    for _ in range(12):
        if current.i in chain:
            return current
        if current.pos_ in {"VERB", "AUX"} and current.i != token.i or current.head.i == current.i:
            return None
        current = current.head
    return None


def _other_clause(span: Span, sentence: Span, chain: dict) -> bool:
    """Is ``span`` between commas with a verb outside the chain and no word of the chain?"""
    start, end = span.start, span.end
    while start > sentence.start and _text_at(span, start - 1) not in SEGMENT_BREAKS:
        start -= 1
    while end < sentence.end and _text_at(span, end) not in SEGMENT_BREAKS:
        end += 1
    if any(i in chain for i in range(start, end)):
        return False
    doc = span.doc
    return any(doc[i].pos_ == "VERB" for i in range(start, end))


def _text_at(span: Span, index: int) -> str:
    return span.doc[index].text


def _future(token: Token) -> bool:
    morph = str(token.morph)
    return "Tense=Fut" in morph


def _conditional(token: Token) -> bool:
    if "Mood=Cnd" in str(token.morph):
        return True
    return any(child.dep_.startswith("aux") and "Mood=Cnd" in str(child.morph) for child in token.children)


def _phrase(token: Token) -> str:
    return " ".join(t.text for t in token.subtree if t.dep_ not in {"case", "punct", "det"})


#: Links of a verb heading a clause inside another: "n'entrera pas à son capital, mais s'engage à acheter pour
#: 50 millions d'euros de services" (the 50 millions are the purchase's).
EMBEDDED = {"advcl", "conj", "ccomp", "acl", "acl:relcl", "parataxis"}

#: Links of a verb's amount: its object ("consacrer 2 millions") or a complement ("pour 22 millions").
PRICES = {"obj", "obl", "obl:mod", "obl:arg"}


def _own_phrase(trigger: Token) -> list[Token]:
    """The trigger's subtree without the clauses that hang on it ("X, qui regroupe Y, aurait consacré …")."""
    inside = [c for c in trigger.children if c.dep_ in EMBEDDED and c.pos_ in {"VERB", "AUX"}]
    if not inside:
        return list(trigger.subtree)
    skipped = {t.i for c in inside for t in c.subtree}
    return [t for t in trigger.subtree if t.i not in skipped]


def _amount(trigger: Token, sentence: Span, lexicon: Lexicon, table) -> tuple[float | None, str | None]:
    """The first money amount in the trigger's phrase (not in a clause inside it), else in the object of the
    verb a trigger noun complements ("a consacré 2 millions d'euros à son lobbying"), else, for a main verb, in
    its sentence: "15 millions d'euros" -> 15e6 EUR. Words are read from the Doc's token table (``table``), by
    index."""
    scopes = [[t.i for t in _own_phrase(trigger)]]
    head = trigger.head
    if trigger.pos_ == "NOUN" and head.i != trigger.i and head.pos_ == "VERB":
        # "a consacré 2 millions d'euros à son lobbying", "a acquis 35 % des parts pour 22 millions d'euros":
        # an amount the verb takes as its object or price
        scopes.extend([t.i for t in c.subtree] for c in head.children if c.i != trigger.i and c.dep_ in PRICES
                      and (c.lemma_.lower() in lexicon.multipliers or c.lower_ in lexicon.currencies))
    if trigger.pos_ in {"VERB", "AUX"} and trigger.dep_ not in EMBEDDED:
        # not when the verb heads an embedded clause: the amount is another's
        scopes.append(range(sentence.start, sentence.end))
    texts, lowers = table.text, table.lower
    for scope in scopes:
        for position, i in enumerate(scope):
            text = texts[i]
            if not _NUMBER.match(text):
                continue
            value = float(re.sub(r"[ \u202f\u00a0]", "", text).replace(".", "").replace(",", ".")
                          if "," in text or " " in text else text.replace(",", "."))
            multiplier, currency = 1.0, None
            for follower in scope[position + 1: position + 5]:
                word = lowers[follower].strip("’'")
                if word in lexicon.multipliers and multiplier == 1.0:
                    multiplier = lexicon.multipliers[word]
                elif word in lexicon.currencies:
                    currency = lexicon.currencies[word]
                    break
                elif word not in {"de", "d", "d’", "d'"}:
                    break
            if currency:
                return value * multiplier, currency
    return None, None


def _earlier_amount(trigger: Token, lexicon: Lexicon, referents: Referents) -> tuple[float | None, str | None]:
    """A definite trigger noun without an amount ("l'investissement de Microsoft dans Mistral") takes the amount
    of the last indefinite one before it ("un investissement de 15 millions d'euros"): the same event, told
    first with its amount. Not when that one names its own parties (another event)."""
    table = token_table(trigger.doc, referents)
    lemma = trigger.lemma_
    for position in range(trigger.i - 1, -1, -1):
        if table.lemma[position] != lemma:
            continue
        earlier = trigger.doc[position]
        if not any(c.dep_ == "det" and "Ind" in feature(c, "Definite") for c in earlier.children):
            continue
        if any(referents.get(c) is not None for c in earlier.children if c.dep_ in {"nmod", "det"}):
            return None, None  # "un investissement de Google dans Y": another one
        return _amount(earlier, earlier.sent, lexicon, table)
    return None, None
