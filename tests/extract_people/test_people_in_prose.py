"""People where real clinic sites put them: in running text. One case per failure class of the
real-text development set (devset/README.md), in our own words."""

from __future__ import annotations

import pytest

from spiders.pages import extract_page


def people(url: str, *paragraphs: str, title: str = "About the clinic") -> list[tuple[str | None, str]]:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    return sorted((p.title, p.name) for p in extract_page(html.encode(), url).practitioners)


CLINIC = "https://willowskin.example/about"


@pytest.mark.parametrize("paragraph, expected", [
    # a title with a family name only
    ("Dr Okafor has a special interest in scalp conditions and sees patients on Tuesdays.",
     [("Dr", "Okafor")]),
    # a possessive does not belong to the name
    ("Book a visit to meet Dr. Lindqvist's team of injectors.", [("Dr", "Lindqvist")]),
    # a first-name-only practitioner tied to her role
    ("Our lead nurse injector, Priya, looks after every new client.", [(None, "Priya")]),
    ("During your assessment with Tomasz, a qualified trichologist, he examines the scalp.", [(None, "Tomasz")]),
    ("NP Marisol reviews every treatment plan.", [(None, "Marisol")]),
    # first person on a practitioner's own site
    ("Hello, I'm Harriet Olsen, an aesthetic nurse prescriber based in Bath.", [(None, "Harriet Olsen")]),
    # an initial inside the name
    ("El Dr. Tomás R. Ibarra atiende en la clínica desde 2015.", [("Dr", "Tomás R. Ibarra")]),
])
def test_names_in_running_text(paragraph, expected):
    assert people(CLINIC, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # title chains and long-form titles, as German, Turkish, French, Spanish and Italian pages write them
    ("Die Sprechstunde leitet Priv.-Doz. Dr. med. habil. Anselm Grüber, Oberarzt der Hautklinik.",
     [("Dr", "Anselm Grüber")]),
    ("Op. Dr. Kerem Yıldız", [("Dr", "Kerem Yıldız")]),
    ("Dr. Öğr. Üyesi Şebnem Arıkan hastalarını salı günleri kabul ediyor.", [("Dr", "Şebnem Arıkan")]),
    ("Im Gespräch erklärt Frau Dr. med. Ilka Brandt unsere Behandlung.", [("Dr", "Ilka Brandt")]),
    ("Depuis mars, le docteur Alain Ferrand reçoit au cabinet le jeudi.", [("Dr", "Alain Ferrand")]),
    ("Desde 2019 la doctora Nuria Balaguer dirige la unidad de la clínica.", [("Dr", "Nuria Balaguer")]),
    ("Professor Imogen Tate leads the hair loss clinic on Fridays.", [("Prof", "Imogen Tate")]),
    # a name set in capitals after its title
    ("DR. MED. FELIX ORTMANN", [("Dr", "Felix Ortmann")]),
    # a particle at the start of a family name
    ("Ihre Fragen beantwortet Dr. von Habsburg-Lenz persönlich.", [("Dr", "von Habsburg-Lenz")]),
    # a particle that leads to a place, not to a family name
    ("Gegen Haarausfall rät Dr. med. Ines Kurz von Linden Aesthetik zur Eigenbluttherapie.",
     [("Dr", "Ines Kurz")]),
    # a lower-case "doctor" with no article is a word, not a title
    ("Ask your doctor Monday morning about it.", []),
])
def test_titles_as_real_pages_write_them(paragraph, expected):
    assert people(CLINIC, paragraph) == expected


def test_a_staff_list_written_family_name_first():
    html = ("<html><body><h2>I nostri specialisti</h2><ul><li>Ferretti, Dott. Marco</li>"
            "<li>Galli, Dott.ssa Chiara</li></ul></body></html>")
    found = sorted(p.name for p in extract_page(html.encode(), "https://studiomedico.example/tricologia").practitioners)
    assert found == ["Chiara Galli", "Marco Ferretti"]


def test_a_news_site_has_no_practitioners_of_its_own():
    url = "https://www.eveningherald.example/lifestyle/clinic-boom"
    assert people(url, "The chain hired Dr Rowan Pike as its medical director last spring.") == []


def test_an_office_held_elsewhere_marks_a_quoted_person():
    url = "https://willowskin.example/blog/tourism-figures"
    assert people(url, "The association's president Dr Orhan Kaplan expects more visitors next year.") == []



def test_a_patient_quote_names_nobody():
    assert people(CLINIC, "“Dr Okafor was lovely and explained everything,” says one client.") == []


def test_an_article_quotes_outside_experts_and_their_short_names():
    url = "https://dailyglow.example/news/2024/03/02/filler-warning"
    got = people(url, "Demand is rising, says Dr Ines Carvalho of the Lisbon Face Institute.",
                 "Dr Carvalho added that most complications are avoidable.",
                 "Gareth Pryce, spokesperson for a surgeons' association, agreed.", title="Filler warning")
    assert got == []


def test_a_clinic_page_keeps_its_own_quoted_director():
    got = people(CLINIC, "“We take our time,” says our medical director Dr Ines Carvalho.")
    assert got == [("Dr", "Ines Carvalho")]


@pytest.mark.parametrize("paragraph, expected", [
    # a first name tied to a clinical role by a verb
    ("Marta has been an aesthetic nurse for nine years and leads our skin clinic.", [(None, "Marta")]),
    ("Tobias is our lead injector and trains new staff.", [(None, "Tobias")]),
    # two first names sharing one plural role
    ("Our founders, Ines and Petra, are both experienced nurse prescribers.", [(None, "Ines"), (None, "Petra")]),
    # words that look like a subject but are no person
    ("Botox is a prescription medicine given by a doctor.", []),
    ("Required Deposit is a practitioner decision at booking.", []),
])
def test_first_names_tied_to_a_role_by_a_verb(paragraph, expected):
    assert people(CLINIC, paragraph) == expected


def test_the_author_of_a_clinic_post_speaking_in_first_person_is_kept():
    url = "https://willowskin.example/2021/04/02/what-a-skin-clinic-does/"
    found = people(url, "Hello, I'm Rhona Baird at Willow Skin Clinic, where I look after every new client.")
    assert found == [(None, "Rhona Baird")]


@pytest.mark.parametrize("paragraph, expected", [
    # two particles in a family name, and an abbreviated first name
    ("Dra. Mª Luisa de la Fuente, médico estético, dirige la clínica desde 2012.",
     [("Dr", "Mª Luisa de la Fuente")]),
    ("El Dr. Tomás van der Berg y Ruiz atiende los jueves.", [("Dr", "Tomás van der Berg y Ruiz")]),
    # a post-nominal glued to the name is not part of it
    ("Anna Kowalczyk ScM, lekarz medycyny estetycznej, prowadzi zabiegi.", [(None, "Anna Kowalczyk")]),
])
def test_particles_and_postnominals_in_names(paragraph, expected):
    assert people(CLINIC, paragraph) == expected


@pytest.mark.parametrize("url, paragraph, expected", [
    # a clinic's own post quoting its own doctor: the affiliation spells out the site's name
    ("https://www.thebirchclinic.example/news/thinning-hair-guide",
     "Most men start early, says Dr Halvard Moen of The Birch Clinic in Leeds.", [("Dr", "Halvard Moen")]),
    ("https://northgatehairclinic.example/blog/why-wait",
     "Dr Ines Falk, of Leeds-based Northgate Hair Clinic, has seen the same pattern for years.",
     [("Dr", "Ines Falk")]),
    # the affiliation by its initials (the site is named by them)
    ("https://www.sfhc.example/blog/press-piece",
     "As Dr Colm Reidy at Shannon Follicle Hair Centre explains, the donor area decides the plan.",
     [("Dr", "Colm Reidy")]),
    # an expert of another clinic quoted on the same kind of post stays out
    ("https://www.thebirchclinic.example/news/thinning-hair-guide",
     "Most men start early, says Dr Halvard Moen of the Oakfield Hair Institute.", []),
], ids=["site-name-words", "site-name-after-place", "site-initials", "other-clinic"])
def test_a_clinic_post_quoting_its_own_doctor(url, paragraph, expected):
    assert people(url, paragraph, title="Thinning hair guide") == expected


@pytest.mark.parametrize("paragraph, expected", [
    # scare quotes elsewhere in the paragraph do not make a titled family name a quotation
    ("Old “plug” grafts looked odd; Dr. Lundqvist now moves single follicles instead.", [("Dr", "Lundqvist")]),
    # a compound role before a first name
    ("Our Nurse Prescriber, Ottilie trained in Glasgow before joining us.", [(None, "Ottilie")]),
    # the person who runs the clinic
    ("Bram Vos runs the clinic; he belongs to a trichology society.", [(None, "Bram Vos")]),
    # a job before the name, a technician included
    ("From left: hair technician Rosa Lind Mayer and clinic manager Tom Abel.", [(None, "Rosa Lind Mayer")]),
    # dotted post-nominals after a name
    ("The founder of the practice, Wendell Okoro, M.D., trained in Chicago.", [(None, "Wendell Okoro")]),
    # a Turkish academic title shortened before a family name is a title, never a name
    ("Dr. Öğr. Yalçın, hastalarına her ay kontrol öneriyor.", [("Dr", "Yalçın")]),
], ids=["scare-quotes", "compound-role", "runs-the-clinic", "technician", "dotted-md", "tr-academic-title"])
def test_more_people_in_running_text(paragraph, expected):
    assert people(CLINIC, paragraph) == expected


@pytest.mark.parametrize("url, paragraph, expected", [
    # a small clinic's site named after its practitioner, who is then written by first name
    ("https://www.corahaldaneclinic.example/scalp", "Cora can walk you through every option at your visit.",
     [(None, "Cora")]),
    ("https://www.drlevenkaya.example/haartransplantation", "Willkommen in der Dr. Leven Kaya Klinik in Istanbul.",
     [("Dr", "Leven Kaya")]),
    # trade words after the first word: a shop, not a person ("Skin is...", "Glow has...")
    ("https://www.skinclinic.example/about", "Skin is the largest organ of the body.", []),
    ("https://www.glowaesthetics.example/about", "Glow has opened a second room this year.", []),
    # a field of work, not a given name
    ("https://www.trichologyspecialist.example/faq", "Trichology is the study of hair and scalp.", []),
], ids=["first-name", "titled-full-name", "trade-word", "brand-word", "field"])
def test_the_practitioner_a_site_is_named_after(url, paragraph, expected):
    assert people(url, paragraph) == expected
