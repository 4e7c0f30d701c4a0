"""Mentions: the named things of a parsed article, their types, and what refers back to them.

Three passes over one Doc, all driven by the lexicon:

1. names — spaCy's entity spans, trimmed of leading articles and filtered of capitalised common words;
2. appositions — "Microsoft, le géant américain de la technologie," describes Microsoft: the description's
   head noun points at the name, and its words are remembered as the name's descriptors;
3. coreference — pronouns ("elle", "il", "son") and definite descriptions ("la startup", "le groupe
   américain") point at the most salient earlier name that agrees in type and matches the description.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from ..model import Mention
from .lexicon import Lexicon, fold
from .names import propagate_names

#: Third-person subject/object pronouns that can stand for a named organisation or person.
PRONOUNS = {"il", "elle", "ils", "elles", "celui-ci", "celle-ci", "lui"}
#: Possessive determiners that can stand for a named organisation or person ("son", "leur").
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
#: How many sentences back a pronoun or description may look for its antecedent.
WINDOW_SENTENCES = 3
ELISIONS = ("l'", "l’", "d'", "d’")


@dataclass
class Referents:
    """What each token of a Doc refers to."""

    names: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)  # token index -> named mention it refers to
    kind_by_token: dict[int, str] = field(default_factory=dict)  # name | apposition | pronoun | description
    descriptors: dict[tuple, set] = field(default_factory=dict)  # (start, end) of a name -> descriptive words
    role_tokens: set = field(default_factory=set)  # tokens inside a role phrase's portfolio ("au Numérique")
    tokens: TokenTable | None = field(default=None, repr=False, compare=False)  # the Doc's words, read once

    def get(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)


class TokenTable:
    """The part of speech, dependency label, lemma, lower-case form and text of every token of a Doc, and the
    folded lemma and text (:func:`~kg.extract.lexicon.fold`), read once for all the passes over the Doc: spaCy
    makes a new string at every attribute access, and most passes look at every token to skip nearly all."""

    __slots__ = ("doc", "pos", "dep", "lemma", "lower", "text", "folded_lemma", "folded_text")

    def __init__(self, doc: Doc):
        self.doc = doc
        pos, dep, lemma, lower, text = doc.to_array([POS, DEP, LEMMA, LOWER, ORTH]).T.tolist()
        strings = doc.vocab.strings.__getitem__
        self.pos = _memo(pos, POS_NAMES.__getitem__, _POS)
        self.dep = _memo(dep, strings, _STRINGS)
        self.lemma = _memo(lemma, strings, _STRINGS)
        self.lower = _memo(lower, strings, _STRINGS)
        self.text = _memo(text, strings, _STRINGS)
        self.folded_lemma = _memo(self.lemma, fold, _FOLDED)
        self.folded_text = _memo(self.text, fold, _FOLDED)


#: What ``_memo`` computed: a part of speech's number -> its name; a string's hash -> the string (a hash names
#: the same string in every vocabulary: it is the string's hash); a word -> its folded form.
_POS: dict = {}
_STRINGS: dict = {}
_FOLDED: dict = {}


def _memo(keys: list, compute, known: dict) -> list:
    """``[compute(key) for key in keys]``, each computed once per process (the same few thousand words)."""
    values = list(map(known.get, keys))
    if None in values:
        if len(known) > 1 << 20:
            known.clear()
        for position, value in enumerate(values):
            if value is None:
                key = keys[position]
                value = known.get(key)
                if value is None:
                    value = known[key] = compute(key)
                values[position] = value
    return values


def token_table(doc: Doc, referents: Referents) -> TokenTable:
    """The table of ``doc``'s tokens that :func:`find_referents` made (made now if it did not)."""
    table = referents.tokens
    if table is None or table.doc is not doc:
        table = referents.tokens = TokenTable(doc)
    return table


def find_referents(doc: Doc, lexicon: Lexicon) -> Referents:
    referents = Referents(tokens=TokenTable(doc))
    for entity in doc.ents:
        for span in _split_lines(entity):
            mention = _name_mention(span, lexicon)
            if mention is None or _is_demonym(mention.text, lexicon.lang):
                continue  # "Ce Marocain", "les Américains": a nationality, not a name
            referents.names.append(mention)
            for token in _tokens_of(doc, mention):
                referents.by_token[token.i] = mention
                referents.kind_by_token[token.i] = "name"
            referents.descriptors.setdefault(_key(mention), set()).update(
                t.lemma_.lower() for t in span if t.pos_ in {"NOUN", "ADJ"})
    propagate_names(doc, referents, lexicon)
    _law_mentions(doc, referents, lexicon)
    _appositions(doc, referents, lexicon)
    _named_descriptions(doc, referents, lexicon)
    _retype(referents, lexicon, doc)  # "Mistral AI, le champion …" is an organisation before pronouns are resolved
    _coreference(doc, referents, lexicon)
    _retype(referents, lexicon, doc)
    return referents


def _key(mention: Mention) -> str:
    """Descriptors are remembered per name, not per occurrence: "Microsoft" here is "Microsoft" there."""
    return mention.text.lower()


def _split_lines(span: Span):
    """An entity span never crosses a line break (a caption line and the paragraph after it)."""
    start = span.start
    for token in span:
        if token.is_space or "\n" in token.text:
            if token.i > start:
                yield Span(span.doc, start, token.i, label=span.label_)
            start = token.i + 1
    if start < span.end:
        yield Span(span.doc, start, span.end, label=span.label_)


#: Words that introduce what a law is about: "sur", "relatif à", "de", "contre".
LAW_SUBJECT_MARKERS = {"sur", "de", "du", "des", "d'", "relatif", "relative", "portant", "pour", "contre",
                       "concernant", "visant"}
#: Prepositions that put a name in the place role: "à Lyon", "en Belgique", "près de Craiova".
LOCATIVE = {"à", "en", "au", "aux", "dans", "vers", "depuis", "de", "d'", "d’"}


@functools.lru_cache(maxsize=None)
def _known_places(lang: str) -> frozenset:
    from .places import demonyms
    cities, countries = demonyms(lang)
    return frozenset(fold_name(place) for place in (*cities.values(), *countries.values()))


def _is_demonym(text: str, lang: str) -> bool:
    cities, countries = _demonyms(lang)
    return fold_name(text) in cities or fold_name(text) in countries


@functools.lru_cache(maxsize=None)
def _demonyms(lang: str) -> tuple[dict, dict]:
    from .places import demonyms  # places imports this module
    return demonyms(lang)


def fold_name(text: str) -> str:
    return fold(text)


def _retype(referents: Referents, lexicon: Lexicon, doc: Doc) -> None:
    """One type per name in an article, by vote: spaCy's label on each occurrence (1), each description given
    to it ("la biotech lyonnaise Cérébra", 2), and the labels of the longer name it abbreviates ("Cérébra" in
    "Cérébra Therapeutics"). spaCy alone often calls an unknown start-up a place or a person."""
    votes: dict[str, Counter] = {}
    for mention in referents.names:
        counter = votes.setdefault(_key(mention), Counter())
        if mention.type not in {"Entity", "Role"}:
            counter[mention.type] += 1
    for key, words in referents.descriptors.items():
        if key in votes:
            for word in words:
                described = lexicon.description_types.get(word)
                if described and described != "Place":
                    votes[key][described] += 2
    # A name spaCy calls a place but that the article never puts after "à"/"en" and that is no known place
    # ("Labonord renonce à racheter Biolex") is an unknown for the context to type.
    known = _known_places(lexicon.lang)
    locative = {_key(m) for m in referents.names if m.type == "Place" and _after_locative(doc, m)}
    for key, counter in votes.items():
        if set(counter) == {"Place"} and key not in locative and fold_name(key) not in known:
            del counter["Place"]
    keys = sorted(votes, key=len)
    people = [key for key in keys if " " in key and votes[key]["Person"]]
    for key in keys:
        # A person is introduced with a first name: a lone word spaCy calls a person ("Kapita", "Labonord"),
        # never seen inside a longer person's name, is an unknown, for the context to type.
        if " " not in key and set(votes[key]) == {"Person"} and \
                not any(key in person.split(" ") for person in people):
            del votes[key]["Person"]
    for short in keys:
        for long in keys:
            if long != short and long.startswith(short + " "):
                votes[short].update(votes[long])
    retyped = {}
    for mention in referents.names:
        counter = votes.get(_key(mention))
        if not counter:
            if mention.type in {"Person", "Place"}:
                retyped[mention] = Mention(mention.start, mention.end, mention.text, "Entity", mention.kind)
            continue
        best = max(sorted(counter), key=lambda cls: (counter[cls], cls == mention.type))
        if best != mention.type:
            retyped[mention] = Mention(mention.start, mention.end, mention.text, best, mention.kind)
    if not retyped:
        return
    referents.names = [retyped.get(m, m) for m in referents.names]
    referents.by_token = {i: retyped.get(m, m) for i, m in referents.by_token.items()}


def _after_locative(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    position = span.start - 1
    while position >= 0 and doc[position].pos_ == "DET":
        position -= 1
    return position >= 0 and doc[position].lower_ in LOCATIVE and doc[position].lower_ not in {"de", "d'", "d’"} \
        or position >= 1 and doc[position].lower_ == "de" and doc[position - 1].lower_ in {"près", "loin", "région"}


def _tokens_of(doc: Doc, mention: Mention) -> Span:
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _name_mention(span: Span, lexicon: Lexicon) -> Mention | None:
    tokens = list(span)
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].lower_ in ELISIONS):
        tokens = tokens[1:]
    while tokens and tokens[-1].pos_ in {"PUNCT", "DET", "ADP"}:
        tokens = tokens[:-1]
    if not tokens:
        return None
    # the text of the tokens kept (what Span.text gives), not Doc.text: that joins the whole article again
    text = "".join([token.text_with_ws for token in tokens[:-1]]) + tokens[-1].text
    start = tokens[0].idx
    for elision in ELISIONS:  # "l’Etat" tokenised as one token
        if text.lower().startswith(elision) and len(text) > 2:
            text, start = text[2:], start + 2
    if not _looks_like_name(text, tokens, lexicon):
        return None
    entity_type = lexicon.ner_types.get(span.label_, "Entity")
    head_word = tokens[0].lower_ if entity_type != "Person" else ""
    if head_word in lexicon.description_types and lexicon.description_types[head_word] in {"Authority"}:
        entity_type = "Authority"  # "Commission européenne", "Autorité de la concurrence"
    return Mention(start=start, end=start + len(text), text=text, type=entity_type, kind="name")


def _looks_like_name(text: str, tokens: list[Token], lexicon: Lexicon) -> bool:
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return False
    if text.lower() in lexicon.not_entities:
        return False
    if len(tokens) == 1:
        token = tokens[0]
        if token.pos_ not in {"PROPN", "X"} and token.is_sent_start and not any(ch.isupper() for ch in text[1:]):
            return False  # a capitalised common word opening a sentence: "Laisser", "Objectif"
        if token.pos_ in {"VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ"}:
            return False
    return True


def referent_in_phrase(token: Token, referents: Referents) -> Mention | None:
    """What ``token``'s noun phrase names: the token's own referent, else the first name written inside the
    phrase ("du groupe bancaire italien Banca Adriatica"), however the parser attached it."""
    mention = referents.get(token)
    if mention is not None:
        return mention
    doc = token.doc
    for follower in doc[token.i + 1: min(token.i + 6, len(doc))]:
        if follower.is_punct and follower.text != "-" or follower.pos_ in {"VERB", "AUX", "ADP", "CCONJ", "SCONJ"}:
            return None
        if referents.kind_by_token.get(follower.i) == "name":
            return referents.get(follower)
    return None


def _description_head(token: Token, lexicon: Lexicon) -> str | None:
    """The class a description noun phrase headed by ``token`` refers to, if its head is a known description."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    return lexicon.description_types.get(token.lemma_.lower()) or lexicon.description_types.get(token.lower_)


def _np_words(token: Token) -> set[str]:
    """Content words of a noun phrase: the head and its adjectives and noun modifiers."""
    words = {token.lemma_.lower()}
    for child in token.subtree:
        if child.pos_ in {"ADJ", "NOUN", "PROPN"} and child.i != token.i:
            words.add(child.lemma_.lower())
    return words


def _appositions(doc: Doc, referents: Referents, lexicon: Lexicon) -> None:
    """``NAME, DET NOUN …,`` — the noun phrase right after a name and a comma describes the name."""
    for mention in referents.names:
        span = _tokens_of(doc, mention)
        if span is None or span.end + 2 >= len(doc):
            continue
        comma, det = doc[span.end], doc[span.end + 1]
        if comma.text != "," or det.pos_ != "DET" or "Poss=Yes" in str(det.morph):
            continue
        head = None
        for token in doc[span.end + 2: min(span.end + 6, len(doc))]:
            if token.pos_ in {"NOUN", "PROPN"}:
                head = token
                break
            if token.pos_ not in {"ADJ", "ADV"}:
                break
        if head is None or head.i in referents.by_token:
            continue
        kind = _description_head(head, lexicon)
        if kind is None or not _agrees(mention, kind, head):
            continue
        referents.by_token[head.i] = mention
        referents.kind_by_token[head.i] = "apposition"
        referents.descriptors.setdefault(_key(mention), set()).update(_np_words(head))


#: Participles that give a thing its name: "une coentreprise, baptisée Nordcell", "sa plateforme, appelée Stratus".
NAMING = {"baptiser", "nommer", "appeler", "dénommer", "surnommer", "intituler"}


def _named_descriptions(doc: Doc, referents: Referents, lexicon: Lexicon) -> None:
    """``NOUN, baptisé(e) NAME`` — the noun phrase refers to the name, and describes it."""
    table = token_table(doc, referents)
    for i, lemma in enumerate(table.lemma):
        if lemma not in NAMING or i < 2 or table.text[i - 1] != ",":
            continue
        token = doc[i]
        name = next((t for t in doc[token.i + 1: token.i + 3] if referents.kind_by_token.get(t.i) == "name"), None)
        if name is None:
            continue
        head = next((t for t in reversed(doc[max(0, token.i - 5): token.i - 1]) if t.pos_ in {"NOUN", "PROPN"}), None)
        if head is None or head.i in referents.by_token:
            continue
        mention = referents.by_token[name.i]
        referents.by_token[head.i] = mention
        referents.kind_by_token[head.i] = "apposition"
        if _description_head(head, lexicon):
            referents.descriptors.setdefault(_key(mention), set()).add(head.lemma_.lower())


def _law_mentions(doc: Doc, referents: Referents, lexicon: Lexicon) -> None:
    """Laws are often named by what they are about: "le règlement sur les subventions étrangères",
    "la directive sur le travail de plateforme". A law noun with such a complement is a named Law."""
    table = token_table(doc, referents)
    for i, pos in enumerate(table.pos):
        if pos != "NOUN" or lexicon.description_types.get(table.lemma[i].lower()) != "Law" \
                or i in referents.by_token:
            continue
        token = doc[i]
        if "Number=Plur" in str(token.morph):
            continue
        # the complement as written, whatever the parser attached it to: "sur le travail de plateforme"
        end = token.i + 1
        position = token.i + 1
        while position < min(len(doc), token.i + 10):
            word = doc[position]
            if word.is_punct or word.pos_ not in {"ADP", "DET", "NOUN", "ADJ", "PROPN"} or \
                    referents.kind_by_token.get(word.i) == "name" or word.lower_ in {"qui", "que", "dont"}:
                break
            if position == token.i + 1 and (word.pos_ not in {"ADP", "ADJ"} or
                                             word.pos_ == "ADP" and fold_name(word.text) not in LAW_SUBJECT_MARKERS):
                break  # "la directive sur …", "le règlement relatif à …" — not "le texte depuis janvier"
            if word.pos_ in {"NOUN", "ADJ", "PROPN"}:
                end = position + 1
            position += 1
        if end == token.i + 1:
            continue
        text = doc[token.i: end].text  # the span's text, not Doc.text: that joins the whole article again
        mention = Mention(start=token.idx, end=token.idx + len(text), text=text, type="Law", kind="name")
        referents.names.append(mention)
        for i in range(token.i, end):
            referents.by_token[i] = mention
            referents.kind_by_token[i] = "name"
    referents.names.sort(key=lambda m: m.start)


def _coreference(doc: Doc, referents: Referents, lexicon: Lexicon) -> None:
    """Point pronouns, possessives and definite descriptions at the most salient agreeing earlier name."""
    names_by_start = sorted(referents.names, key=lambda m: m.start)
    sentence_index = [0] * len(doc)
    sentence_chars = []  # where each sentence starts
    for number, sentence in enumerate(doc.sents):
        sentence_index[sentence.start: sentence.end] = [number] * (sentence.end - sentence.start)
        sentence_chars.append(sentence.start_char)
    window = (sentence_chars, [m.start for m in names_by_start])
    # Only the head of a name's token can have that name as a child ("son champion Mistral AI"): the other
    # tokens need not look at their children.
    heads_of_names = {doc[i].head.i for i, kind in referents.kind_by_token.items() if kind == "name"}
    salience: dict = {}  # (start, end) of a name -> its sentence, and whether it is a subject (see _antecedent)
    table = token_table(doc, referents)
    descriptions = lexicon.description_types
    for i, pos in enumerate(table.pos):
        if i in referents.by_token:
            continue
        if i not in heads_of_names:  # what the tests below need, read from the table first
            if pos == "PRON":
                if table.lower[i] not in PRONOUNS:
                    continue
            elif pos == "DET":
                if table.lower[i] not in POSSESSIVES:
                    continue
            elif pos not in {"NOUN", "PROPN"} or not (descriptions.get(table.lemma[i].lower())
                                                      or descriptions.get(table.lower[i])):
                continue  # neither a pronoun, a possessive nor a description (see _description_head)
        token = doc[i]
        named_child = None
        if i in heads_of_names:
            named_child = next((c for c in token.children if c.dep_ in {"appos", "flat:name", "nmod"}
                                and c.i in referents.by_token and referents.kind_by_token.get(c.i) == "name"
                                and not any(g.dep_ == "case" for g in c.children)), None)
        if named_child is not None and pos == "NOUN":  # "son champion Mistral AI", "son système X"
            named = referents.by_token[named_child.i]
            referents.by_token[token.i] = named
            referents.kind_by_token[token.i] = "apposition"
            if _description_head(token, lexicon):
                referents.descriptors.setdefault(_key(named), set()).add(token.lemma_.lower())
            continue
        lower = token.lower_
        if pos == "PRON" and lower in PRONOUNS and not token.dep_.startswith("expl"):
            wanted, words = None, set()
        elif pos == "DET" and lower in POSSESSIVES and "Poss=Yes" in str(token.morph) \
                and "Person=1" not in str(token.morph):
            wanted, words = None, set()
        elif _is_definite_description(token, lexicon):
            wanted, words = _description_head(token, lexicon), _np_words(token)
        else:
            continue
        antecedent = _antecedent(doc, token, names_by_start, sentence_index, referents, wanted, words, salience,
                                 window)
        if antecedent is not None:
            referents.by_token[token.i] = antecedent
            referents.kind_by_token[token.i] = "pronoun" if pos in {"PRON", "DET"} else "description"
            if words:  # what a name has been called, it can be called again ("la startup" … "la startup tricolore")
                referents.descriptors.setdefault(_key(antecedent), set()).update(words)


def _is_definite_description(token: Token, lexicon: Lexicon) -> bool:
    if _description_head(token, lexicon) is None:
        return False
    determiners = [child for child in token.children if child.dep_ == "det"]
    return any(("Definite=Def" in str(d.morph) or d.lower_ in {"ce", "cet", "cette"}) for d in determiners)


def _antecedent(doc, token, names, sentence_index, referents, wanted, words, salience, window) -> Mention | None:
    here = sentence_index[token.i]
    best, best_score = None, 0.0
    position = token.idx
    lemma = token.lemma_.lower()
    other_words = words - {lemma} if words else None
    mentioned = None  # how often each name was mentioned before the token
    # the names before the first sentence of the window are too far back (farther than WINDOW_SENTENCES)
    sentence_chars, starts = window
    first_sentence = here - WINDOW_SENTENCES
    nearest = bisect.bisect_left(starts, sentence_chars[first_sentence]) if first_sentence > 0 else 0
    for mention in itertools.islice(names, nearest, None):
        if mention.start >= position:
            break
        known = salience.get((mention.start, mention.end))
        if known is None:
            first = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            root = first.root
            if root.dep_ in {"appos", "flat:name", "nmod"} and not any(c.dep_ == "case" for c in root.children):
                root = root.head  # "La néobanque Kapita a été sanctionnée": the subject is the phrase around the name
            # subjects (and sentence-initial names) are the most salient
            subject = root.dep_.startswith("nsubj") or (first.start == doc[first.start].sent.start)
            known = salience[(mention.start, mention.end)] = (sentence_index[first.start], subject)
        distance = here - known[0]
        if distance > WINDOW_SENTENCES:
            continue
        if not _agrees(mention, wanted, token):
            continue
        score = 1.0 / (1 + distance)
        if known[1]:
            score += 0.6
        key = _key(mention)
        described = referents.descriptors.get(key, set())
        if wanted is not None and mention.type == wanted:
            score += 0.5
        overlap = len(other_words & described) if words else 0
        score += 0.8 * overlap
        if words and lemma in described:
            score += 0.5
        score += 0.05 * (mention.start / max(position, 1))  # recency within the window
        # the article's topic: a name mentioned often so far is more likely to be talked about again
        if mentioned is None:
            mentioned = Counter(_key(other) for other in names if other.start < position)
        score += min(0.5, 0.1 * mentioned[key])
        if score > best_score:
            best, best_score = mention, score
    return best


def _agrees(mention: Mention, wanted: str | None, token: Token) -> bool:
    if wanted is None:  # pronoun: organisations, authorities and people, not places or laws
        if mention.type in {"Place", "Law", "Product"}:
            return False
        return True
    if wanted == "Authority":
        return mention.type in {"Authority", "Organization", "Place"}  # "Bruxelles" stands for the Commission
    if wanted == "Organization":
        return mention.type in {"Organization", "Entity", "Authority"}
    if wanted == "Person":
        return mention.type == "Person"
    return mention.type in {wanted, "Entity"}
