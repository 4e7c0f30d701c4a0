"""Mentions: the named things of a parsed article, their types, and what refers back to them.

Four passes over one Doc, all driven by the lexicon:

1. names — spaCy's entity spans, trimmed of leading articles and lower-case words and filtered of capitalised
   common words; a name written again where spaCy missed it is found again, and a person's surname alone
   (``names``);
2. appositions and descriptions (``descriptions``) — "Microsoft, le géant américain de la technologie,", "la
   néobanque Kapita": the description's head noun points at the name, and its words are remembered as the name's
   descriptors;
3. types (``entity_types``) — one type per name, by vote;
4. coreference (``coref``) — pronouns ("elle", "il", "son") and definite descriptions ("la startup", "le groupe
   américain") point at the most salient earlier name that agrees in type and gender and matches the description.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from ..model import Mention
from .access import doc_text, feature, span_at
from .appositions import appositions, named_descriptions
from .coref import resolve
from .descriptions import _is_demonym, describe_names, fold_name, key_of
from .entity_types import retype as _retype
from .institutions import institution_names
from .name_spans import _name_mention, _split_lines, needs_lower_case
from .lexicon import Lexicon, fold
from .names import surnames

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

    __slots__ = ("doc", "pos", "dep", "lemma", "lower", "text", "folded_lemma", "folded_text", "_doc_text")

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
        self._doc_text = None

    @property
    def doc_text(self) -> str:
        """``doc.text``, joined once (spaCy joins the whole article again at every ``doc.text``)."""
        if self._doc_text is None:
            self._doc_text = doc_text(self.doc)
        return self._doc_text


#: What ``_memo`` computed: a part of speech's number -> its name; a string's hash -> the string (a hash names
#: the same string in every vocabulary: it is the string's hash); a word -> its folded form.
_POS: dict = {}
_STRINGS: dict = {}
_FOLDED: dict = {}


def _memo(keys: list, compute, known: dict) -> list:
    """``[compute(key) for key in keys]``, each computed once per process (the same few thousand words)."""
    try:
        return list(map(known.__getitem__, keys))  # the common case: every word already seen
    except KeyError:
        pass
    if len(known) > 1 << 20:
        known.clear()
    for key in keys:
        if key not in known:
            known[key] = compute(key)
    return list(map(known.__getitem__, keys))


def token_table(doc: Doc, referents: Referents) -> TokenTable:
    """The table of ``doc``'s tokens that :func:`find_referents` made (made now if it did not)."""
    table = referents.tokens
    if table is None or table.doc is not doc:
        table = referents.tokens = TokenTable(doc)
    return table


def find_referents(doc: Doc, lexicon: Lexicon) -> Referents:
    referents = Referents(tokens=TokenTable(doc))
    lower_case = None  # the words the article writes in lower case, read when a name opens a sentence
    for entity in doc.ents:
        for span in _split_lines(_with_capitalised_tail(entity)):
            if lower_case is None and needs_lower_case(span):
                lower_case = {word for word in referents.tokens.text if word.islower()}
            mention = _name_mention(span, lexicon, lower_case)
            if mention is None or _is_demonym(mention.text, lexicon.lang):
                continue  # "Ce Marocain", "les Américains": a nationality, not a name
            referents.names.append(mention)
            for token in _tokens_of(doc, mention):
                referents.by_token[token.i] = mention
                referents.kind_by_token[token.i] = "name"
            referents.descriptors.setdefault(key_of(mention), set()).update(_head_words(span))
    _repeated_names(doc, referents)
    surnames(doc, referents, referents.tokens)  # "Marchand" for "Élise Marchand"
    institution_names(doc, referents, lexicon)  # "la région Normandie"
    _law_mentions(doc, referents, lexicon)
    appositions(doc, referents, lexicon)
    named_descriptions(doc, referents, lexicon)
    describe_names(doc, referents, lexicon, referents.tokens)
    _retype(referents, lexicon, doc)  # "Mistral AI, le champion …" is an organisation before pronouns are resolved
    resolve(doc, referents, lexicon, referents.tokens)
    _retype(referents, lexicon, doc)
    return referents


def _head_words(name: Span) -> set[str]:
    """The common words of a name before its complement: "Cercle des entrepreneurs du Nord" is a "cercle", not
    "entrepreneurs"."""
    words = set()
    for token in name:
        if token.pos_ == "ADP":
            break
        if token.pos_ in {"NOUN", "ADJ"}:
            words.add(token.lemma_.lower())
    return words


def _repeated_names(doc: Doc, referents: Referents) -> None:
    """A name the article writes again is a name again, where spaCy missed it ("Ryanair, qui …" opening a
    sentence) or cut it short ("Norsel" of "Norsel Energie"): the same words, same case."""
    table = token_table(doc, referents)
    known: dict[str, list] = {}  # first word -> (words, type) of each name
    for mention in referents.names:
        span = _tokens_of(doc, mention)
        if span is not None:
            words = tuple(table.text[span.start: span.end])
            known.setdefault(words[0], []).append((words, mention.type))
    if not known:
        return
    found, replaced = [], set()
    for i, text in enumerate(table.text):
        if text not in known:
            continue
        here = referents.by_token.get(i)
        if here is not None and (here.start != doc[i].idx or referents.kind_by_token.get(i) != "name"):
            continue  # inside a name, or a description of one
        for words, type_ in sorted(known[text], key=lambda pair: -len(pair[0])):
            end = i + len(words)
            if tuple(table.text[i:end]) != words or end < len(doc) and table.pos[end] == "PROPN":
                continue
            inside = {referents.by_token[j] for j in range(i, end) if j in referents.by_token}
            if inside and (inside != {here} or here.end >= doc[end - 1].idx + len(doc[end - 1])):
                break  # already this name, or another name
            span = doc[i:end]
            mention = Mention(start=span.start_char, end=span.end_char, text=span.text, type=type_, kind="name")
            found.append(mention)
            replaced |= inside
            for j in range(i, end):
                referents.by_token[j] = mention
                referents.kind_by_token[j] = "name"
            break
    if found:
        referents.names = sorted([m for m in referents.names if m not in replaced] + found, key=lambda m: m.start)


def _with_capitalised_tail(entity: Span) -> Span:
    """``SolarPower Europe``, tagged ``SolarPower``: the capitalised proper nouns right after an organisation's name,
    in no entity of their own, are the rest of its name."""
    doc, end = entity.doc, entity.end
    if entity.label_ == "PER":
        return entity
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not doc[end].ent_type_ \
            and doc[end - 1].whitespace_ == " ":
        end += 1
    return entity if end == entity.end else Span(doc, entity.start, end, label=entity.label_)


#: Words that introduce what a law is about: "sur", "relatif à", "de", "contre".
LAW_SUBJECT_MARKERS = {"sur", "de", "du", "des", "d'", "relatif", "relative", "portant", "pour", "contre",
                       "concernant", "visant"}

#: Drafts named with their law noun: "le projet de loi …", "la proposition de directive …".
LAW_DRAFTS = {"projet", "proposition"}


def _tokens_of(doc: Doc, mention: Mention) -> Span:
    return span_at(doc, mention.start, mention.end)


def referent_in_phrase(token: Token, referents: Referents) -> Mention | None:
    """What ``token``'s noun phrase names: the token's own referent, else the first name written inside the
    phrase ("du groupe bancaire italien Banca Adriatica"), however the parser attached it."""
    mention = referents.get(token)
    if mention is not None:
        return mention
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 6, len(doc))):  # by index: an abandoned Span iterator is costly
        follower = doc[i]
        if follower.is_punct and follower.text != "-" or follower.pos_ in {"VERB", "AUX", "ADP", "CCONJ", "SCONJ"}:
            return None
        if referents.kind_by_token.get(i) == "name":
            return referents.by_token.get(i)
    return None


def coordinated_names(token: Token, referents: Referents) -> list[Mention]:
    """The names coordinated after the name at ``token``, read on the surface: "Revolut et Nickel", "Revolut, N26
    et Nickel" (only a list closed by "et": in "X, Y annonce …" another clause starts at Y)."""
    doc, sentence = token.doc, token.sent
    if referents.kind_by_token.get(token.i) != "name":
        return []
    found, current, position = [], referents.by_token[token.i], token.i
    while True:
        while position < sentence.end and referents.by_token.get(position) is current:
            position += 1
        if position >= sentence.end or doc[position].lower_ not in {"et", ","}:
            return []  # no "et" closed the list
        closing = doc[position].lower_ == "et"
        position += 1
        while position < sentence.end and doc[position].pos_ == "DET":
            position += 1
        if position >= sentence.end or referents.kind_by_token.get(position) != "name":
            return []
        current = referents.by_token[position]
        found.append(current)
        if closing:
            return found


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
        # the complement as written, whatever the parser attached it to: "sur le travail de plateforme", "visant à
        # encadrer la publicité des jeux"
        end = token.i + 1
        position = token.i + 1
        while position < min(len(doc), token.i + 14):
            word = doc[position]
            first = position == token.i + 1
            # "visant à encadrer …": the marker participle, and the infinitive after its "à"
            verb = word.pos_ == "VERB" and (first and fold_name(word.text) in LAW_SUBJECT_MARKERS or not first
                                            and doc[position - 1].lower_ == "à" and "Inf" in feature(word, "VerbForm"))
            if word.is_punct or word.pos_ not in {"ADP", "DET", "NOUN", "ADJ", "PROPN"} and not verb or \
                    referents.kind_by_token.get(word.i) == "name" or word.lower_ in {"qui", "que", "dont"}:
                break
            if first and not verb and (word.pos_ not in {"ADP", "ADJ"} or
                                       word.pos_ == "ADP" and fold_name(word.text) not in LAW_SUBJECT_MARKERS):
                break  # "la directive sur …", "le règlement relatif à …" — not "le texte depuis janvier"
            if word.pos_ in {"NOUN", "ADJ", "PROPN"}:
                end = position + 1
            position += 1
        if end == token.i + 1:
            continue
        start = token.i
        if start >= 2 and doc[start - 1].lower_ == "de" and doc[start - 2].lemma_.lower() in LAW_DRAFTS:
            start -= 2  # "le projet de loi …", "la proposition de loi …": the draft is the law's name
        text = doc[start: end].text  # the span's text, not Doc.text: that joins the whole article again
        mention = Mention(start=doc[start].idx, end=doc[start].idx + len(text), text=text, type="Law", kind="name")
        referents.names.append(mention)
        for i in range(start, end):
            referents.by_token[i] = mention
            referents.kind_by_token[i] = "name"
    referents.names.sort(key=lambda m: m.start)
