"""Qualifiers of a fact read off its trigger and sentence: modality, attribution, amount, time."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..model import Qualifiers
from .lexicon import Lexicon
from .mentions import Referents

_NUMBER = re.compile(r"^\d+(?:[ \u202f\u00a0.]\d{3})*(?:[,.]\d+)?$")


def governors(token: Token, limit: int = 4):
    """The chain of verbs that govern ``token`` through infinitive/complement links ("devrait prendre")."""
    current = token
    for _ in range(limit):
        if current.dep_ not in {"xcomp", "ccomp", "advcl", "conj", "acl"} or current.head is current:
            return
        current = current.head
        yield current


def _negated(token: Token) -> bool:
    return any("Polarity=Neg" in str(child.morph) or child.lower_ in {"pas", "jamais", "aucun", "aucune", "ni"}
               and child.dep_ in {"advmod", "det"} for child in token.children)


def qualifiers(trigger: Token, sentence: Span, lexicon: Lexicon, referents: Referents) -> Qualifiers:
    """Modality (negated > expected > reported > asserted), attribution, amount and currency."""
    chain = [trigger, *governors(trigger)]
    if trigger.pos_ == "NOUN" and trigger.head is not trigger and trigger.head.pos_ in {"VERB", "AUX"}:
        chain = [trigger, trigger.head, *governors(trigger.head)]
    modality, attribution = "asserted", None
    if any(_negated(token) for token in chain if token.pos_ in {"VERB", "AUX"}) or \
            any(token.lemma_ in lexicon.negating_verbs for token in chain[1:]):
        modality = "negated"  # "n'a pas investi", "renonce à racheter"
    elif any(token.lemma_ in lexicon.expected_verbs for token in chain[1:]) or \
            any(_future(token) for token in chain if token.pos_ in {"VERB", "AUX"}):
        modality = "expected"
    elif any(_conditional(token) for token in chain if token.pos_ in {"VERB", "AUX"}):
        modality = "reported"
    for token in sentence:  # "selon X", "d'après X"
        marker = token.lower_.replace("’", "'")
        if marker in lexicon.attribution_markers and token.dep_ == "case":
            source = token.head
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
    amount, currency = _amount(trigger, sentence, lexicon)
    return Qualifiers(modality=modality, attribution=attribution, amount=amount, currency=currency)


def _future(token: Token) -> bool:
    morph = str(token.morph)
    return "Tense=Fut" in morph


def _conditional(token: Token) -> bool:
    if "Mood=Cnd" in str(token.morph):
        return True
    return any(child.dep_.startswith("aux") and "Mood=Cnd" in str(child.morph) for child in token.children)


def _phrase(token: Token) -> str:
    return " ".join(t.text for t in token.subtree if t.dep_ not in {"case", "punct", "det"})


def _amount(trigger: Token, sentence: Span, lexicon: Lexicon) -> tuple[float | None, str | None]:
    """The first money amount in the trigger's phrase, else in its sentence: "15 millions d'euros" -> 15e6 EUR."""
    scopes = [list(trigger.subtree)]
    if trigger.pos_ in {"VERB", "AUX"}:
        scopes.append(list(sentence))
    for scope in scopes:
        for position, token in enumerate(scope):
            if not _NUMBER.match(token.text):
                continue
            value = float(re.sub(r"[ \u202f\u00a0]", "", token.text).replace(".", "").replace(",", ".")
                          if "," in token.text or " " in token.text else token.text.replace(",", "."))
            multiplier, currency = 1.0, None
            for follower in scope[position + 1: position + 5]:
                word = follower.lower_.strip("’'")
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
