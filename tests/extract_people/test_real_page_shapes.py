"""Rules added for page shapes seen on real clinic sites (the blind-* golden cases exercise them whole).

Each test pins one general rule with its own small input, so a regression names the rule.
"""

from __future__ import annotations

import lxml.html
import pytest

from extract import clinic_address as ca
from extract import structured
from extract.clinic_info import cloudflare_email, extract_clinic
from extract.credentials import find_registrations, parse_name
from extract.people import extract_practitioners

# ---------------------------------------------------------------- names

NAMES = [
    ("Meet Dr Imran Sheikh BDS (Lond) MFDS RCS (GDC 81234)", "Dr", "Imran Sheikh", None),
    ("Medical Director: Dr. Alan Park, MD", "Dr", "Alan Park", "Medical Director"),
    ("Zahnärztin Dr. Miriam Roth", "Dr", "Miriam Roth", "Zahnärztin"),
    ("mgr Magdalena Zielińska", None, "Magdalena Zielińska", None),
    ("Frau Lisa Klein", None, "Lisa Klein", None),
    ("Dña. Carmen Ruiz", None, "Carmen Ruiz", None),
    ("Introducing Nurse Kate Moss", "Nurse", "Kate Moss", None),
]


@pytest.mark.parametrize(("text", "title", "name", "rest"), NAMES, ids=[n[0] for n in NAMES])
def test_parse_name_lead_ins_labels_and_prefixes(text, title, name, rest):
    parsed = parse_name(text)
    assert (parsed.title, parsed.name, parsed.rest) == (title, name, rest)


def test_meet_the_team_is_not_a_name():
    assert parse_name("Meet the Team").name == "Meet the Team"  # lead-in needs a capitalised name after it


# ---------------------------------------------------------------- registrations

REGS = [
    ("Jade is an NMC registered nurse (PIN: 08G1234E).", [("nmc", "08G1234E", True, None)]),
    ("I am registered with the NMC, PIN 12A3456E, and you can check it.", [("nmc", "12A3456E", True, None)]),
    ("Grace is a GMC registered doctor (7345612) with a background in A&E.", [("gmc", "7345612", True, None)]),
    ("Aesthetic Nurse Injector · CA RN 95012345", [("state_license", "95012345", True, "CA")]),
    ("NPI 1610573929 • FL APRN9876543", [("npi", "1610573929", True, None), ("state_license", "APRN9876543", True, "FL")]),
    ("Registered pharmacy premises GPhC 1123456.", []),
    ("We are GMC, NMC and GDC registered, since 2010.", []),
]


@pytest.mark.parametrize(("text", "want"), REGS, ids=[r[0][:40] for r in REGS])
def test_register_numbers_in_real_wordings(text, want):
    assert [(c.kind, c.value, c.format_valid, c.issuer) for c in find_registrations(text)] == want


# ---------------------------------------------------------------- people on pages

def _people(body: str, url: str = "https://glow.co.uk/team/", country: str | None = "GB", head: str = ""):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    doc = lxml.html.document_fromstring(html)
    return {p.name: p for p in extract_practitioners(doc, structured.load(html, url), url=url, country=country)}


def _regs(person):
    return [(c.kind, c.value) for c in person.credentials if c.kind in ("gmc", "nmc", "gdc", "npi", "state_license")]


def test_carousel_clones_count_once():
    slide = '<div class="slick-slide{}"><h4>Dr Priya Nair</h4><p>GMC No. 7123456</p></div>'
    people = _people(f'<main><div class="slick-track">{slide.format(" slick-cloned")}{slide.format("")}'
                     f'{slide.format(" slick-cloned")}</div></main>')
    assert list(people) == ["Priya Nair"]
    assert _regs(people["Priya Nair"]) == [("gmc", "7123456")]


def test_accordion_button_names_a_person():
    people = _people('<main><div class="accordion-item"><h2><button class="accordion-button" aria-expanded="true">'
                     'Dr. Grace Liu – Aesthetic Doctor</button></h2><div class="accordion-collapse"><p>GMC registered '
                     'doctor (7345612).</p></div></div><button class="btn">Book now</button></main>')
    assert list(people) == ["Grace Liu"] and _regs(people["Grace Liu"]) == [("gmc", "7345612")]


def test_job_word_before_a_name_in_prose_starts_a_new_person():
    people = _people("<main><p>Founded by Dr Tom Reilly (GMC 7034512) and his wife, aesthetic nurse Jenna Reilly "
                     "(NMC 05I1234E), in 2016.</p></main>")
    assert _regs(people["Tom Reilly"]) == [("gmc", "7034512")]
    assert _regs(people["Jenna Reilly"]) == [("nmc", "05I1234E")] and people["Jenna Reilly"].profession == "nurse"


def test_a_trainer_named_in_a_bio_is_not_staff():
    people = _people("<main><h2>Nurse Jade Thompson</h2><p>Jade (NMC PIN 08G1234E) completed her training with "
                     "Dr Tim Pearson at a London academy.</p></main>")
    assert list(people) == ["Jade Thompson"]


def test_name_then_role_line_without_markup():
    people = _people('<main><p class="font_5"><span>Sophie Ward<br>Aesthetic Practitioner<br>Level 7 Diploma in '
                     'Aesthetic Medicine</span></p><p class="font_5"><span>Holly Evans<br>Practice Manager</span></p></main>')
    assert list(people) == ["Sophie Ward"]


def test_the_sites_own_name_is_not_a_person():
    people = _people("<main><h1>Dermatology in Houston</h1></main><footer><p><strong>Rachel Kim Dermatology</strong>"
                     "</p><p>Rachel Kim, MD · NPI 1483920173</p></footer>", country="US",
                     head='<meta property="og:site_name" content="Rachel Kim Dermatology">')
    assert list(people) == ["Rachel Kim"] and _regs(people["Rachel Kim"]) == [("npi", "1483920173")]


def test_blog_keeps_a_registered_reviewer_but_not_the_writer():
    people = _people('<article><p class="post-meta">Written by Ellie Stone · Medically reviewed by Dr Hamza Ali, '
                     'GMC 7654321</p><p>Dr Google is not a doctor.</p><div class="author-box"><p>Olivia Grant, '
                     'content writer</p></div></article>', url="https://crown.co.uk/blog/prp/")
    assert list(people) == ["Hamza Ali"]


def test_json_ld_manager_is_dropped_and_state_licence_read():
    head = """<script type="application/ld+json">[{"@context": "https://schema.org", "@type": "Person",
      "name": "Jack Turner", "jobTitle": "Practice Manager"},
      {"@context": "https://schema.org", "@type": "Physician", "name": "James Ortiz, MD",
       "medicalLicense": "FL ME 123456"}]</script>"""
    people = _people("<main><h1>Team</h1></main>", url="https://elevate.example/team/", country="US", head=head)
    assert list(people) == ["James Ortiz"]
    lic = people["James Ortiz"].credentials[0]
    assert (lic.kind, lic.value, lic.issuer) == ("state_license", "ME123456", "FL")


def test_german_prose_honorific_with_job():
    people = _people("<main><p>Die Praxis leitet Dr. med. Sophie Braun, Fachärztin für Dermatologie. Unterstützt "
                     "wird sie von Frau Lisa Klein, Kosmetikerin, und Herr Klaus Weber vom Empfang.</p></main>",
                     url="https://praxis.de/team/", country="DE")
    assert sorted(people) == ["Lisa Klein", "Sophie Braun"]
    assert people["Lisa Klein"].profession == "aesthetician"


# ---------------------------------------------------------------- clinic details

def _clinic(body: str, url: str = "https://glow.co.uk/contact/", head: str = ""):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    doc = lxml.html.document_fromstring(html)
    return extract_clinic(doc, structured.load(html, url), url=url, hints={})


def test_cloudflare_protected_email_is_decoded():
    key = 0x5A
    coded = f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in "info@glow.co.uk")
    assert cloudflare_email(coded) == "info@glow.co.uk"
    info = _clinic(f'<main><a href="/cdn-cgi/l/email-protection#{coded}">[email protected]</a></main>')
    assert info.email == "info@glow.co.uk"


def test_map_embed_title_gives_the_address():
    info = _clinic('<main><h1>Contact</h1><iframe title="Glow Clinic, 22 Park Row, Leeds LS1 5JF" '
                   'src="https://www.google.com/maps/embed?pb=1"></iframe></main>')
    assert (info.postcode, info.locality, info.country) == ("LS1 5JF", "Leeds", "GB")


def test_phone_without_a_label_prefers_a_landline():
    info = _clinic("<main><ul><li>Bloom, 210 West George Street, Glasgow, G2 4JR</li><li>07400 123456</li>"
                   "<li>0141 496 0888</li></ul></main>")
    assert info.phone == "+441414960888"


@pytest.mark.parametrize(("text", "locality", "postcode"), [
    ("Office 1204, Al Wasl Tower, Sheikh Zayed Road, Dubai, United Arab Emirates\nP.O. Box 123456\nPhone", "Dubai", None),
    ("Villa 12, Al Bateen Street, Abu Dhabi, UAE\nCall: 02 555 0177", "Abu Dhabi", None),
])
def test_no_postcode_addresses_skip_country_and_po_box(text, locality, postcode):
    addr = ca.fallback_locality(text)
    assert (addr.locality, addr.postcode) == (locality, postcode)


def test_us_state_written_out_and_licence_numbers_are_not_postcodes():
    assert ca.parse_address("600 Congress Ave, Ste. 1400\nAustin, Texas 78701")[1:4] == ("Austin", "TX", "78701")
    assert ca.parse_address("Medical Director\nNevada Medical License No. 15432\n").postcode is None


def test_cqc_ids_belong_to_the_clinic_not_to_its_doctor():
    body = ("<main><h2>Dr William Hart</h2><p>GMC 3345678</p></main><footer><p>Registered with the Care Quality "
            "Commission. CQC Provider ID: 1-1234567890. Location ID: 1-2345678901. Company No. 7654321. "
            "VAT Registration No. 123 4567 89.</p></footer>")
    info = _clinic(body, url="https://harley.co.uk/team/")
    assert [(c.kind, c.value, c.format_valid) for c in info.credentials] == [
        ("cqc", "1-1234567890", True), ("cqc", "1-2345678901", True)]
    people = _people(body, url="https://harley.co.uk/team/")
    assert [(c.kind, c.value) for c in people["William Hart"].credentials if c.kind in ("gmc", "cqc")] == [("gmc", "3345678")]


def test_a_page_without_cqc_ids_has_no_clinic_credentials():
    assert _clinic("<main><p>Regulated by the CQC. Company number 11234567.</p></main>").credentials == []


def test_a_street_after_a_job_word_is_not_a_person():
    people = _people("<main><p>Our consultant surgeon Harley Street trained, with nurse Emma Hall on hand.</p></main>")
    assert list(people) == ["Emma Hall"]


def test_labelled_fields_name_a_person():
    people = _people("<main><dl><dt>Name</dt><dd>Sarah Jones</dd><dt>Registration</dt><dd>NMC 12A3456E</dd></dl>"
                     "<dl><dt>Name</dt><dd>Dr Liam Byrne</dd><dt>Registration</dt><dd>GMC 7011223</dd></dl>"
                     "<p><strong>Enfermera:</strong> Rocío Vidal</p></main>")
    assert _regs(people["Sarah Jones"]) == [("nmc", "12A3456E")]
    assert _regs(people["Liam Byrne"]) == [("gmc", "7011223")]
    assert people["Rocío Vidal"].profession == "nurse"


def test_json_ld_licence_credential_with_state_name():
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Person",
      "name": "Taylor Brooks", "jobTitle": "Nurse Practitioner", "hasCredential": {"@type":
      "EducationalOccupationalCredential", "credentialCategory": "license",
      "name": "Arizona Nurse Practitioner License", "identifier": "AP212345"}}</script>"""
    people = _people("<main><h1>Taylor</h1></main>", url="https://saguaro.example/team/", country="US", head=head)
    cred = people["Taylor Brooks"].credentials[0]
    assert (cred.kind, cred.value, cred.issuer) == ("state_license", "AP212345", "AZ")


def test_clinic_credentials_survive_the_redis_queue_round_trip():
    from items import ClinicInfo, Credential, PageExtract, PageItem
    from pipelines.redis_queue import decode_item, encode_item

    cqc = Credential(kind="cqc", value="1-1234567890", format_valid=True, evidence="CQC Provider ID: 1-1234567890")
    item = PageItem(url="https://a.co.uk/", site="a.co.uk", seed_url="https://a.co.uk/", fetched_at="2025-01-01T00:00:00Z",
                    status=200, extract=PageExtract(clinic=ClinicInfo(name="A", credentials=[cqc])))
    assert decode_item(encode_item(item)).extract.clinic.credentials == [cqc]
