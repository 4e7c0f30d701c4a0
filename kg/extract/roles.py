"""Roles: "Anne Dupont, directrice générale de Renault", "l'ancien secrétaire d'État au Numérique Cédric O".

A role noun from the lexicon linked to a person — by apposition, by a comma right before or after the name,
by a copula ("X est PDG de Y") or by a verb that gives its subject a role ("X a été nommée présidente de Y",
"X occupe le poste de directeur technique") — gives ``holdsPosition`` (person → role text), and the role's
organisation ("de Y", "chez Y", "son PDG") gives the role frame's relation (``leads``, ``worksFor``, ``founded``,
and between organisations ``subsidiaryOf``, ``competesWith``, ``memberOf``). An office noun ("prend la présidence
de Y", "reste à la tête de Y") gives its relation to the subject of the verb that governs it. A plural role
("Anne et Paul, deux anciens de Google", "ses filiales, A et B") holds for each of the coordinated names.
A head's deputy or a department's head ("rédacteur en chef adjoint", "directrice juridique de Y") holds a title
(holdsPosition + worksFor), not the headship. Career verbs and nouns give former employers ("une ingénieure passée
par Engie", "sa carrière chez BNP Paribas"). An occupation that names no employer, given by a verb in a clause
governed by one about a company ("… si la startup a respecté les règles quand on sait que X a joué le rôle de
lobbyiste"), is for that company (worksFor, confidence 0.6, rule ``…:topic``); not when the company only reports it
("Norvalis affirme que X …") or the subject is an authority. Who holds a role and where its words end: :mod:`.holders`.
The words of the constructions are data: the ``[[role]]`` frames and the ``[roles]`` table of the lexicon.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from ..model import Mention
from ..vocab import relations
from .access import doc_text, span_at
from .grammar import _prep
from .holders import (ORGANISATIONS, clause_subject, coordinated, described_name, role_extent, role_holder,
                      role_organisation)
from .lexicon import Frame, Lexicon, fold, match_phrase
from .mentions import Referents, referent_in_phrase, token_table
from .qualifiers import _conditional, _future, _negated, governors
from .role_words import RoleWords, role_words


@dataclass(frozen=True)
class RoleMatch:
    frame: Frame
    trigger: Token
    role: Mention
    person: Mention
    organisation: Mention | None
    former: bool
    modality: str = "asserted"  # negated ("n'est pas membre de Y"), expected ("devrait être nommé PDG")
    inferred: bool = False  # the organisation is the topic of the governing clause, not named with the role


def find_roles(doc: Doc, lexicon: Lexicon, referents: Referents) -> Iterator[RoleMatch]:
    found: dict[int, tuple] = {}
    table = token_table(doc, referents)
    index = lexicon.role_index
    words = role_words(lexicon.lang)
    role_end = -1
    for i, pos in enumerate(table.pos):
        if pos not in {"NOUN", "PROPN", "ADJ"}:
            continue
        office = words.offices.get(table.folded_lemma[i])
        if office is None and not (index.get(table.folded_lemma[i]) or index.get(table.folded_text[i])):
            continue  # no role word starts here (see match_phrase)
        token = doc[i]
        if token.idx < role_end or pos == "ADJ" and table.dep[i] == "amod" and token.head.i > i:
            continue  # a word of the role before ("chef" in "rédacteur en chef"), or a modifier ("l'ancien PDG")
        named = referents.get(token)
        if named is not None and referents.kind_by_token.get(i) == "name" and named.type != "Person":
            continue  # a word of a name: "l'École nationale d'ingénieurs", "Conseil des ministres"
        plural = "Number=Plur" in str(token.morph)
        if office is not None:
            if plural:
                continue
            candidates = [(office, 1)]
        else:
            candidates = match_phrase(lexicon.role_index, token, table)
            if not candidates:
                continue
        # "membre" is a person's role or an organisation's: the first frame whose holder is found
        holder = verb = None
        for frame, length in candidates:
            if length != candidates[0][1]:
                break
            types = frame.subject_types or frozenset({"Person"})
            # an office is the noun alone: "à la tête de l'entreprise" names the organisation, not the office
            role_end = token.idx + len(token.text) if office is not None else \
                role_extent(token, length, referents, words.extent_stops)
            holder, verb = role_holder(token, doc, role_end, referents, types, words, office is not None)
            if holder is not None:
                break
        if holder is None:
            if office is not None:
                continue
            frame, length = candidates[0]
        holders = [holder] if holder is not None else []
        if plural and holder is not None:  # "Anne et Paul, deux anciens de Google": each of the names
            holders = coordinated(holder, doc, referents, types)
        frame = _demoted(frame, token, length, role_end, lexicon, words)
        organisation = role_organisation(token, role_end, referents)
        inferred = False
        if organisation is None and verb is not None and holder is not None and frame.relation == "worksFor" \
                and not frame.position:  # "… quand on sait que X a joué le rôle de lobbyiste"
            topic = topic_organisation(verb, referents, lexicon.speech_verbs)
            if topic is not None and topic.text != holder.text:
                organisation, inferred = topic, True
        found[token.i] = (frame, role_end, holders, organisation, _modality(verb, lexicon), inferred)
    # "cofondatrice et présidente de Cirrus": roles joined by "et" or a comma share person and organisation
    ordered = sorted(found)
    for first, second in zip(ordered, ordered[1:]):
        end = span_at(doc, found[first][1] - 1, found[first][1])
        between = doc[end.end: second] if end is not None else doc[first + 1: second]
        if len(between) <= 2 and all(t.lower_ in {"et", ",", "&"} for t in between):
            for a, b in ((first, second), (second, first)):
                frame, role_end, holders, organisation, modality, inferred = found[a]
                found[a] = (frame, role_end, holders or found[b][2], organisation or found[b][3], modality,
                            inferred if organisation else found[b][5])
    symmetric = {name for name, info in relations().items() if info.symmetric}
    for index, (frame, role_end, holders, organisation, modality, inferred) in found.items():
        token = doc[index]
        if organisation is None and frame.relation in symmetric and len(holders) >= 2:
            # "Brillex et Nettoplus, concurrents frontaux": each with the others
            pairs = [(a, b) for n, a in enumerate(holders) for b in holders[n + 1:]]
        else:
            pairs = [(holder, organisation) for holder in holders]
        text = doc_text(doc)[token.idx: role_end]  # the role's characters (it ends at a token's end)
        role = Mention(start=token.idx, end=token.idx + len(text), text=text, type="Role", kind="name")
        former = any(c.lower_ in {"ancien", "ancienne", "ex", "ex-"} for c in token.children)
        for holder, other in pairs:
            if other is not None and (holder.start, holder.end) == (other.start, other.end):
                continue
            yield RoleMatch(frame, token, role, holder, other, former, modality, inferred)
    yield from _careers(doc, referents, words, table, lexicon.support_verbs)


#: Links by which a clause, or a noun on the way up to its clause, hangs on what governs it (complement,
#: adverbial, relative, coordination; a noun's own link).
GOVERNED_BY = frozenset({"ccomp", "advcl", "acl", "acl:relcl", "xcomp", "parataxis", "conj", "nmod", "obj", "obl"})


def topic_organisation(verb: Token, referents: Referents, speech_verbs: frozenset) -> Mention | None:
    """For an occupation that names no employer, told of its holder by ``verb`` in a clause embedded in
    another ("déterminer si la startup a respecté les règles quand on sait que X a joué le rôle de
    lobbyiste"): the company the governing clause is about, i.e. the first named subject met going up the
    clauses that govern ``verb`` (an unnamed one, "on", is passed), when it is an organisation. None when a
    subject's verb reports speech ("Google a indiqué que X était consultant": Google is the source, not the
    employer), or when the first named subject is no company."""
    current = verb
    for _ in range(8):
        if current.head.i == current.i or current.pos_ in {"VERB", "AUX"} and current.dep_ not in GOVERNED_BY:
            return None  # a main clause: nothing governs it
        current = current.head
        if current.pos_ not in {"VERB", "AUX"}:
            continue  # a relative on a noun: up to the noun's clause
        subject = clause_subject(current, referents)
        if subject is None:
            continue
        if current.lemma_ in speech_verbs or subject.type != "Organization":
            return None
        return subject
    return None


#: The frame of a former employer (``[roles.careers]``): worksFor, no position.
CAREER = Frame(kind="role", relation="worksFor", lemmas=("carrière",))


def _careers(doc: Doc, referents: Referents, words: RoleWords, table,
             support_verbs: frozenset = frozenset()) -> Iterator[RoleMatch]:
    """Employers said by a career verb or noun: "une ingénieure passée par Engie", "X, qui a passé six ans
    chez Google", "a travaillé quinze ans chez Thales", "sa carrière chez BNP Paribas" (worksFor, past or not)."""
    if not (words.career_verbs or words.career_nouns):
        return
    for i, lemma in enumerate(table.lemma):
        verb = table.pos[i] in {"VERB", "ADJ"} and lemma in words.career_verbs
        noun = table.pos[i] == "NOUN" and lemma in words.career_nouns
        if not (verb or noun):
            continue
        token = doc[i]
        if verb and "VerbForm=Part" not in str(token.morph):
            continue  # a career is told in the past: "il passe par Bpifrance pour se financer" is no employment
        found = _introduced(token, words.career_verbs[lemma] if verb else words.career_noun_markers, referents)
        if found is None:
            continue
        employer, marker = found
        person = None
        before = doc[i - 2: i] if i >= 2 else None
        if before is not None and before[1].text == "," and referents.get(before[0]) is not None and \
                referents.get(before[0]).type == "Person":
            person = referents.get(before[0])  # "X, arrivée en mars en provenance de Danone": as written
        elif noun:  # "sa carrière chez Y", "le passage de X chez Y"
            person = next((referents.get(c) for c in token.children if referents.get(c) is not None and (
                c.dep_ == "det" and "Poss=Yes" in str(c.morph) or c.dep_ == "nmod" and _prep(c) == "de"
                and referents.get(c).type == "Person")), None)
            governor = token.head
            # (by index: spaCy makes a new Token at each access, `is` never holds and the loop never ended at a root
            # that is no verb)
            while person is None and governor.pos_ != "VERB" and governor.head.i != governor.i:
                governor = governor.head
            # the subject of the clause only when the noun is its own career: "a effectué un passage chez Y"
            # (a light verb), "après un passage chez Y, X a fondé …" (a time adjunct); not "X critique le passage"
            adjunct = any(c.dep_ == "case" and c.lower_ in words.career_adjuncts for c in token.children)
            if person is None and governor.pos_ == "VERB" and (
                    adjunct or governor.lemma_ in support_verbs or words.lemma(governor) in words.career_noun_verbs):
                person = clause_subject(governor, referents)
        elif token.dep_ == "acl" and token.head.lemma_ in words.durations:  # "après des années passées chez Y"
            governor = token.head.head
            person = clause_subject(governor, referents) if governor.pos_ in {"VERB", "AUX"} else None
        elif token.dep_ == "acl":  # "Inès Morin, une ingénieure passée par Engie"
            head = token.head
            person = referents.get(head)
            if person is None or person.type != "Person":
                person = described_name(head, doc, head.idx + len(head.text), referents, frozenset({"Person"}),
                                    lambda t: referents.get(t) if referents.get(t) is not None
                                    and referents.get(t).type == "Person" else None)
        else:
            person = clause_subject(token, referents)
        if person is None or person.type != "Person":
            continue
        # the marker is the fact's trigger: a time of the clause ("arrivée en mars en provenance de Danone") is
        # when the career changed, not when the person worked there
        role = Mention(start=token.idx, end=token.idx + len(token.text), text=token.text, type="Role", kind="name")
        yield RoleMatch(CAREER, marker, role, person, employer, True)


def _introduced(token: Token, markers: frozenset, referents: Referents) -> tuple[Mention, Token] | None:
    """The organisation named after the first of ``markers`` that follows ``token`` in its clause, as written
    ("passée par Engie", "six ans chez Google", "l'essentiel de sa carrière chez BNP Paribas"), and the marker."""
    doc = token.doc
    for position in range(token.i + 1, min(token.i + 8, token.sent.end)):
        word = doc[position]
        if word.is_punct or word.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ"}:
            return None
        if word.lower_ in markers and position + 1 < len(doc):
            following = position + 1
            while following < len(doc) and (doc[following].pos_ == "DET" or
                                            doc[following].lower_ in {"de", "d'", "d’", "du"}):
                following += 1  # "en provenance de Danone", "de chez Google"
            named = referent_in_phrase(doc[following], referents) if following < len(doc) else None
            return (named, word) if named is not None and named.type in ORGANISATIONS else None
    return None


def _demoted(frame: Frame, token: Token, length: int, role_end: int, lexicon: Lexicon, words: RoleWords) -> Frame:
    """A head's deputy ("rédacteur en chef adjoint") or the head of a department ("directrice de la rédaction",
    "directeur des activités énergie de Y") holds a title in the organisation: holdsPosition + worksFor."""
    if frame.relation != "leads" or frame.position:
        return frame
    doc = token.doc
    extra = []  # the role's words after its head word (offsets grow: stop at the role's end, not the article's)
    for i in range(token.i + length, len(doc)):
        if doc[i].idx >= role_end:
            break
        extra.append(doc[i])
    deputy = any(fold(t.text) in words.deputies for t in extra)
    department = any(t.pos_ in {"NOUN", "PROPN"} and lexicon.description_types.get(t.lemma_.lower()) not in
                     {"Organization", "Authority"} or t.pos_ == "ADJ" and fold(t.text) not in words.head_adjectives
                     for t in extra)
    if deputy or department:
        return dataclasses.replace(frame, relation="worksFor", position=True)
    return frame


def _modality(verb: Token | None, lexicon: Lexicon) -> str:
    """What the verb that gives the role says of it: "n'est pas membre", "devrait être nommé", "sera nommée"."""
    if verb is None:
        return "asserted"
    chain = [verb, *governors(verb)]
    chain += [c for t in chain for c in t.children if c.dep_ in {"cop", "aux", "aux:tense", "aux:pass"}]
    if any(_negated(t) for t in chain) or any(t.lemma_ in lexicon.negating_verbs for t in chain[1:]):
        return "negated"
    if any(t.lemma_ in lexicon.expected_verbs for t in chain[1:]) or any(_future(t) for t in chain):
        return "expected"
    if any(_conditional(t) for t in chain) or any(
            t.lower_.replace("’", "'") in lexicon.attribution_markers and t.dep_ == "case" for t in verb.sent):
        return "reported"  # "X serait le prochain PDG de Y", "selon la presse, X a été nommé PDG de Y"
    return "asserted"
