"""Roles and positions through the real pipeline (spaCy's French model): titles, heads, offices, deputies,
occupations, plural roles and relational nouns between organisations. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from kg import nlp
from kg.extract import extract
from kg.model import Article, Relation


def facts(text: str) -> set[tuple[str, str, str, str]]:
    article = Article(text=text, source="test-roles")
    doc, parsed = next(nlp.parse([article]))
    return {(r.subject.text, r.predicate, r.object.text, r.qualifiers.modality)
            for r in extract(doc, parsed) if isinstance(r, Relation)}


CASES = {
    # a bare past participle of appointment describes the name before it: the name is the one appointed
    "appointed-by-a-bare-participle": (
        "Le groupe Norvalis a recruté Paul Martin, nommé directeur financier de Kelvina. Louise Garnier, promue "
        "directrice commerciale de Norvalis, arrive en mai.",
        {("Paul Martin", "holdsPosition", "directeur financier", "asserted"),
         ("Paul Martin", "worksFor", "Kelvina", "asserted"),
         ("Louise Garnier", "holdsPosition", "directrice commerciale", "asserted"),
         ("Louise Garnier", "worksFor", "Norvalis", "asserted")},
        {("Norvalis", "worksFor", "Kelvina", "asserted")}),
    # a verb that gives a role is no frame of its own: "promouvoir" supports what it promotes, not whom it promotes
    "appointing-verb-is-no-support": (
        "Le syndicat Agrinova soutient Kelvina. Kelvina a promu Claire Morel directrice commerciale. L'association "
        "Valoris promeut le label Ecovia auprès des élus. Pour réussir, Louise Garnier sera épaulée par Paul "
        "Martin, promu directeur général adjoint de Norvalis.",
        {("Agrinova", "supports", "Kelvina", "asserted"), ("Valoris", "supports", "Ecovia", "asserted"),
         ("Claire Morel", "holdsPosition", "directrice commerciale", "asserted")},
        {("Kelvina", "supports", "Claire Morel", "asserted"), ("Louise Garnier", "supports", "Norvalis", "asserted")}),
    # a possessive role, "et"-joined with another, before the name: both roles are the name's
    "possessive-joined-roles": (
        "Le groupe Norvalis a vu ses résultats reculer. Son fondateur et président, Gaspard Lemoine, a promis "
        "un redressement.",
        {("Gaspard Lemoine", "founded", "Norvalis", "asserted"), ("Gaspard Lemoine", "leads", "Norvalis", "asserted")},
        set()),
    # the head of a department holds a title in the organisation; he does not lead it
    "department-head-is-a-title": (
        "Odile Ferrand, directrice juridique de Norvalis, a démenti.",
        {("Odile Ferrand", "holdsPosition", "directrice juridique", "asserted"),
         ("Odile Ferrand", "worksFor", "Norvalis", "asserted")},
        {("Odile Ferrand", "leads", "Norvalis", "asserted")}),
    # a deputy is no head, and "chef" inside "rédactrice en chef" is no second role
    "deputy-is-a-title": (
        "Odile Ferrand, ancienne rédactrice en chef adjointe de Libération, rejoint la rédaction.",
        {("Odile Ferrand", "holdsPosition", "rédactrice en chef adjointe", "asserted"),
         ("Odile Ferrand", "worksFor", "Libération", "asserted")},
        {("Odile Ferrand", "leads", "Libération", "asserted")}),
    # a plural role holds for each of the coordinated names before it
    "plural-role-for-each-name": (
        "Julie Arnaud et Marc Petit, deux anciens ingénieurs d'Airbus, ont créé Norvalis.",
        {("Julie Arnaud", "worksFor", "Airbus", "asserted"), ("Marc Petit", "worksFor", "Airbus", "asserted")},
        set()),
    # an occupation gives the employer, not a position
    "occupation-is-no-position": (
        "Gaspard Lemoine, un ancien consultant de McKinsey, a créé sa propre société.",
        {("Gaspard Lemoine", "worksFor", "McKinsey", "asserted")},
        {("Gaspard Lemoine", "holdsPosition", "consultant", "asserted")}),
    # an appointing verb gives the role to its object
    "appointed-object": (
        "Le conseil de surveillance a nommé Odile Ferrand directrice générale de Norvalis.",
        {("Odile Ferrand", "leads", "Norvalis", "asserted")},
        set()),
    # ... and to its subject in the passive, with the modality of the governing verb
    "appointed-passive-expected": (
        "Marc Petit devrait être nommé directeur technique de Norvalis dans les prochains jours.",
        {("Marc Petit", "holdsPosition", "directeur technique", "expected"),
         ("Marc Petit", "worksFor", "Norvalis", "expected")},
        set()),
    # an office noun: the subject of an office verb holds it
    "office-noun": (
        "Odile Ferrand prend la présidence de la société Norvalis.",
        {("Odile Ferrand", "leads", "Norvalis", "asserted")},
        set()),
    # ... not the subject of any verb
    "office-noun-needs-an-office-verb": (
        "Odile Ferrand critique la présidence de la société Norvalis.",
        set(),
        {("Odile Ferrand", "leads", "Norvalis", "asserted")}),
    # an office after "à" and a verb form the lemmatiser leaves as it is ("reste"), coordinated with another verb
    # the parser hung on that verb's object; a description for the organisation
    "office-after-a-preposition": (
        "Le groupe Norvalis a été vendu. Son fondateur, Odile Ferrand, garde ses actions et reste à la tête de "
        "l’entreprise.",
        {("Odile Ferrand", "leads", "Norvalis", "asserted")},
        set()),
    "office-future-with-a-description": (
        "Norvalis a été vendue mardi. Marc Petit restera à la tête de la société.",
        {("Marc Petit", "leads", "Norvalis", "expected")},
        set()),
    # a post held at an employer: "occupait les mêmes fonctions chez Y"
    "functions-held-at-an-employer": (
        "Paul Roy a été nommé directeur financier de Kivo. Ce Breton de 50 ans occupait jusqu’ici les mêmes "
        "fonctions chez l’assureur Norvia.",
        {("Paul Roy", "worksFor", "Norvia", "asserted")},
        set()),
    # … not described by some other verb
    "functions-described-are-no-employment": (
        "Paul Roy critique les fonctions chez l’assureur Norvia.",
        set(),
        {("Paul Roy", "worksFor", "Norvia", "asserted")}),
    # a role governed by a verb that does not give it says nothing of the verb's subject
    "role-object-of-another-verb": (
        "Odile Ferrand critique le président de Norvalis.",
        set(),
        {("Odile Ferrand", "leads", "Norvalis", "asserted")}),
    # relational nouns between organisations, plural, after a possessive
    "plural-subsidiaries": (
        "Le groupe Norvalis conserve ses deux filiales, Altiva et Brenor, qui restent rentables.",
        {("Altiva", "subsidiaryOf", "Norvalis", "asserted"), ("Brenor", "subsidiaryOf", "Norvalis", "asserted")},
        set()),
    "competitors-dont": (
        "La société Norvalis fait face à ses concurrents, dont l'allemand Kessler et le suédois Norrland.",
        {("Kessler", "competesWith", "Norvalis", "asserted"), ("Norrland", "competesWith", "Norvalis", "asserted")},
        set()),
    # a negated copula in a relative clause: the antecedent is not a member
    "negated-membership": (
        "Marc Petit, qui n'est pas membre du Medef, critique la réforme.",
        {("Marc Petit", "memberOf", "Medef", "negated")},
        {("Marc Petit", "memberOf", "Medef", "asserted")}),
    # a plural relational noun between coordinated names and no owner: each with the others
    "coordinated-competitors": (
        "Les dirigeants de Norvalis et de Kessler, pourtant concurrents directs sur ce marché, se voyaient "
        "chaque mois.",
        {("Kessler", "competesWith", "Norvalis", "asserted")},
        set()),
    # the parser gives the verb no subject: the name that opens the clause
    "subject-before-apposition": (
        "Paul Girard, ancien trésorier du Medef, devrait être nommé directeur financier de Norvalis dans les "
        "prochains jours.",
        {("Paul Girard", "holdsPosition", "directeur financier", "expected"),
         ("Paul Girard", "worksFor", "Norvalis", "expected"), ("Paul Girard", "worksFor", "Medef", "asserted")},
        set()),
    # former employers said by a career verb or noun
    "career-participle": (
        "La société a été fondée par Inès Morin, une ingénieure passée par Engie, qui la dirige toujours.",
        {("Inès Morin", "worksFor", "Engie", "asserted")},
        set()),
    "career-verb-in-relative": (
        "La société a été créée par Léa Martin, qui a passé six ans chez Google à Londres.",
        {("Léa Martin", "worksFor", "Google", "asserted")},
        set()),
    "career-noun": (
        "Claire Dumas a effectué l'essentiel de sa carrière chez BNP Paribas.",
        {("Claire Dumas", "worksFor", "BNP Paribas", "asserted")},
        set()),
    "career-duration": (
        "Claire Lebrun a fondé Veloria en 2014. Elle a créé Veloria en 2014, après plusieurs années passées chez "
        "l’équipementier Valeo.",
        {("Claire Lebrun", "worksFor", "Valeo", "asserted")},
        set()),
    # "passer par" said of a thing is no employment
    "career-needs-a-person": (
        "Le projet de loi de Marc Petit passe par le Sénat la semaine prochaine.",
        set(),
        {("Marc Petit", "worksFor", "Sénat", "asserted")}),
    # the description before the comma is a noun and its adjective; a time adverb before the role
    "described-noun-phrase-before-role": (
        "Le magazine Terroirs a été vendu. L'hebdomadaire régional, jusqu'ici filiale du groupe Ouest Médias, "
        "change de propriétaire.",
        {("Terroirs", "subsidiaryOf", "Ouest Médias", "asserted")},
        set()),
    # a participle after a name and a comma describes the name, as written
    "career-arrival-from": (
        "Le plan a été voulu par sa nouvelle directrice financière, Julie Morel, arrivée en janvier en provenance "
        "de Carrefour.",
        {("Julie Morel", "worksFor", "Carrefour", "asserted")},
        set()),
    # in the present, "passer par" is going through an intermediary, not a career
    "career-is-told-in-the-past": (
        "Marc Petit passe par Bpifrance pour financer sa société.",
        set(),
        {("Marc Petit", "worksFor", "Bpifrance", "asserted")}),
    # an organisation's membership noun, after the description of a club
    "organisation-membership-noun": (
        "Le FC Rivière a changé d'entraîneur. Le club normand, pensionnaire de National 2, vise la montée.",
        {("FC Rivière", "memberOf", "National 2", "asserted")},
        set()),
    # the copula's or auxiliary's mood and tense, and an attribution, qualify a role given by a verb
    "role-reported": (
        "Selon la presse, Marc Petit serait le prochain directeur général de Norvalis.",
        {("Marc Petit", "leads", "Norvalis", "reported")},
        {("Marc Petit", "leads", "Norvalis", "asserted")}),
    "role-future": (
        "Marc Petit sera nommé directeur général de Norvalis en janvier.",
        {("Marc Petit", "leads", "Norvalis", "expected")},
        {("Marc Petit", "leads", "Norvalis", "asserted")}),
    # a public authority is no company's subsidiary (a wrong antecedent or a wrong sentence gives nothing)
    "authority-is-no-subsidiary": (
        "L'Autorité des marchés financiers, filiale du groupe Kessler selon un canular, a démenti.",
        set(),
        {("Autorité des marchés financiers", "subsidiaryOf", "Kessler", "asserted")}),
    "career-noun-in-time-adjunct": (
        "Après un passage chez Airbus, Paul Girard a fondé sa société.",
        {("Paul Girard", "worksFor", "Airbus", "asserted")},
        set()),
    # someone else's career, criticised: not the critic's
    "career-noun-of-another": (
        "Le ministre Paul Girard a critiqué le passage chez Airbus.",
        set(),
        {("Paul Girard", "worksFor", "Airbus", "asserted")}),
    # arriving at a company is often a visit: only "en provenance de" tells a former employer
    "arrival-is-no-employment": (
        "Le ministre Paul Girard est arrivé chez Renault à dix heures.",
        set(),
        {("Paul Girard", "worksFor", "Renault", "asserted")}),
    # a role given through a post noun ("jouer le rôle de", "tenir le rôle de"); an occupation that names no
    # employer, in a clause governed by one about a company, is for that company
    "occupation-for-the-governing-clause-company": (
        "Reste à savoir si Cirrus Energie a payé ses impôts quand on sait que Inès Morin a tenu le rôle d'avocate.",
        {("Inès Morin", "worksFor", "Cirrus Energie", "asserted")},
        set()),
    # ... not for a company that only reports it, nor for an authority that looks into it
    "occupation-reported-by-a-company": (
        "Norvalis affirme que Jean Martin a joué le rôle de consultant.",
        set(),
        {("Jean Martin", "worksFor", "Norvalis", "asserted")}),
    "occupation-under-an-authority": (
        "La Commission européenne examinera le dossier, sachant que Paul Durand a joué le rôle de lobbyiste.",
        set(),
        {("Paul Durand", "worksFor", "Commission européenne", "asserted")}),
    # a clause-initial role after a concessive "bien que" still describes the subject after the comma
    "concessive-clause-initial-role": (
        "Bien que membre de l’UFC, Zelio a fait savoir qu’il ne s’associait pas à la campagne.",
        {("Zelio", "memberOf", "UFC", "asserted")}, set()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_roles(name):
    text, wanted, unwanted = CASES[name]
    found = facts(text)
    assert wanted <= found, f"missing {wanted - found}; found {found}"
    assert not (unwanted & found), f"wrong {unwanted & found}"


def test_a_role_ends_before_another_complement():
    from kg.extract import load_lexicon
    from kg.extract.mentions import find_referents
    from kg.extract.roles import find_roles

    text = ("À la Chambre, Anne Roche a été membre de la commission des finances pendant toute la durée de son "
            "mandat.")
    doc, _ = next(nlp.parse([Article(text=text, source="test-roles")]))
    lexicon = load_lexicon("fr")
    roles = [r.role.text for r in find_roles(doc, lexicon, find_referents(doc, lexicon))]
    assert roles and all("pendant" not in role for role in roles), roles
