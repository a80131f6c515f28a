"""Money roles: only a clinic's own treatment price is a price. Cases written in our own words,
one per failure class seen on the real-text development set (devset/README.md)."""

from __future__ import annotations

import pytest

from extract import money_roles
from spiders.pages import extract_page


def page(url: str, title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>".encode()


@pytest.mark.parametrize("url, title, expected", [
    ("https://glowbar.example/blog/how-much-does-lip-filler-cost", "Lip filler costs", "editorial"),
    ("https://news.example/2024/05/11/injectables-boom", "Injectables boom", "editorial"),
    ("https://glowbar.example/terms-and-conditions", "Terms", "policy"),
    ("https://glowbar.example/prices/", "Price Guide", "service"),
    ("https://glowbar.example/anti-wrinkle", "How much is anti-wrinkle treatment?", "editorial"),
    ("https://glowbar.example/treatments/lip-filler", "Lip filler", "service"),
    # a clinic's FAQ speaks for the clinic; a "pricing" segment outranks the folders above it
    ("https://glowbar.example/faq/", "Questions", "service"),
    ("https://glowbar.example/help/faq/pricing/", "Pricing", "service"),
    # news sites by host, and article addresses by their shape
    ("https://dailyherald.example/beauty/filler-clinic-opens", "Clinic opens", "editorial"),
    ("https://lifestyle.example/why-so-many-people-now-fly-abroad-for-cheaper-hair-surgery", "Abroad",
     "editorial"),
    ("https://lifestyle.example/beauty/toxin-trend-grows-448812", "Trend", "editorial"),
    ("https://renewskinclinic.example/treatments/prp", "PRP", "service"),  # "news" inside a word
    # a treatment page whose first heading asks what the treatment is still speaks for the clinic;
    # a title asking what it costs is a cost guide
    ("https://smileworks.example/anti-wrinkle", "What does toxin do to a frown?", "service"),
    ("https://smileworks.example/hyperhidrosis", "What is sweat reduction treatment?", "service"),
    ("https://smileworks.example/anti-wrinkle", "How much is anti-wrinkle treatment in 2024?", "editorial"),
])
def test_page_role(url, title, expected):
    assert money_roles.page_role(url, title) == expected


@pytest.mark.parametrize("sentence, page, expected", [
    # market figures quoted by a guide, and by a clinic's own blog
    ("Across the country a single area of toxin is usually priced somewhere between £150 and £350.",
     "editorial", "market_price"),
    ("Most providers in the city ask around £300 for one syringe of lip filler these days.", "editorial",
     "market_price"),
    ("At our clinic a consultation with the trichologist is £40 and is taken off your first session.",
     "editorial", "own_price"),
    ("A booking deposit of £50 secures your appointment and comes off the final bill.", "service", "deposit"),
    ("Appointments missed without 48 hours notice are charged a £60 late cancellation fee.", "policy", "fee"),
    ("Spread the cost of your course from £45 per month with interest-free finance.", "service", "finance"),
    ("Clinics pay roughly $500 for a vial of toxin from their supplier, which explains the prices.",
     "editorial", "wholesale"),
    ("The discount voucher site ran a £79 deal on lip filler last spring for new customers only.",
     "editorial", "third_party"),
    ("For example, after two of three sessions bought at £900 you would get back £300 of it.", "policy",
     "example"),
    ("Anti-wrinkle, three areas in London £260", "service", "own_price"),
    # a spread of prices on the clinic's own treatment page is its own price list...
    ("Microneedling – prices range from £150 to £235 depending on the area treated.", "service", "own_price"),
    # ...and the same words on a guide are a market figure
    ("Microneedling – prices range from £150 to £235 depending on the area treated.", "editorial",
     "market_price"),
    # "non-refundable" is not a refund example
    ("Every new client pays a non-refundable £45 booking charge that comes off the treatment.", "service",
     "own_price"),
    # wide spreads quoted for other practitioners are the market, even on a clinic's page
    ("Some injectors ask as little as £60 while others in the area charge well over £300 for it.",
     "service", "market_price"),
    ("In general the treatment runs anywhere from $700 to $1,900 per session across providers.",
     "service", "market_price"),
    # a hedged estimate is nobody's price list, even in a fact box on a treatment page...
    ("Price guide Beginning at about £250 per ml", "service", "market_price"),
    ("With this method 3000 grafts might set you back approximately £7,000 or more.", "service",
     "market_price"),
    # ...unless the clinic speaks for itself
    ("We ask around £95 for a first session of scalp microneedling.", "service", "own_price"),
    # a figure credited to a survey, a society or a price site is the market, even as a list row
    ("• National Dermatology Society survey: $410", "service", "market_price"),
    ("• findaclinic.com: $300 to $450", "service", "market_price"),
    # on a clinic's own page a market word in another clause of the sentence says nothing of the price...
    ("The first visit usually lasts about forty minutes, and is charged at £95 with a skin scan included.",
     "service", "own_price"),
    # ...in the amount's own clause it does
    ("Lip filler has grown popular, and clinics charge an average of £280 for a single syringe.", "service",
     "market_price"),
    # a figure worked out from the real prices is no offer
    ("Counted in the other brand's units, the product effectively costs $14 per unit.", "service", "example"),
    # a booking site pointing readers to its merchants' deals speaks for itself, not for a clinic
    ("Search our listings and you may find deals on lip filler near you from $150 a syringe.",
     "editorial", "third_party"),
    # German "expect costs between X and Y" is a market spread
    ("Für eine Haartransplantation in Berlin muss man mit Kosten zwischen 3000 und £6000 rechnen.",
     "service", "market_price"),
    # a terms page stating what a treatment costs, the amount right after the verb, is its price...
    ("Removing old filler with an enzyme costs £180 per visit, at the discretion of your injector.",
     "policy", "own_price"),
    # ...a sentence that only mentions an amount on a terms page stays a fee
    ("Should you need a second visit within the month, a further £40 will be added for that visit.",
     "policy", "fee"),
    # the rest of a fee part-paid upfront is not a second price
    ("Two days before your visit we send a link to pay the remaining $120 of the consultation fee.",
     "policy", "deposit"),
])
def test_role_of_a_sentence(sentence, page, expected):
    price = next(part for part in sentence.replace(",", " ").split() if part[:1] in "£$")
    assert money_roles.role_of(sentence, page, price_text=price.rstrip(".")) == expected


def test_two_amounts_in_one_sentence_keep_their_own_roles():
    """A package price and its monthly instalment side by side."""
    html = page("https://hairhouse.example/fue-hair-transplant", "FUE hair transplant",
                "FUE packages from £2,950 or spread it at £82/month over 36 months.")
    ex = extract_page(html, "https://hairhouse.example/fue-hair-transplant")
    assert [p.amount for p in ex.prices] == [2950.0]  # the instalment is no treatment price
    assert all(m.amount != 2950.0 for m in ex.money)


def test_a_cost_guide_gives_no_clinic_price_but_keeps_the_money():
    html = page("https://beautydesk.example/guides/how-much-does-botox-cost", "How much does Botox cost?",
                "Botox in the UK typically costs £150 to £350 per area depending on the practitioner.",
                "Expect to pay more in central London, where one area can reach £400.")
    ex = extract_page(html, "https://beautydesk.example/guides/how-much-does-botox-cost")
    assert ex.prices == []
    assert {(m.role, m.amount) for m in ex.money} >= {("market_price", 150.0), ("market_price", 400.0)}


def test_a_question_headed_treatment_page_keeps_its_prices_but_not_a_citys():
    """A service page opening with "What is...?" lists its own prices; a sentence quoting what the
    treatment costs across a city, with no word for the clinic, stays a market figure."""
    html = page("https://smileworks.example/anti-wrinkle", "What is anti-wrinkle treatment?",
                "Lines between the brows From £135",
                "Forehead lines From £140",
                "The price of anti-wrinkle injections in London ranges from £120 to £400 depending on the injector.")
    ex = extract_page(html, "https://smileworks.example/anti-wrinkle")
    assert sorted(p.amount for p in ex.prices) == [135.0, 140.0]
    assert ("market_price", 120.0) in {(m.role, m.amount) for m in ex.money}


def test_a_price_table_under_a_treatment_title_takes_the_treatment():
    """'Cost: from CHF 300' on a page about one treatment: the title names it."""
    html = page("https://hautpraxis.example/leistungen/botulinum", "Botulinum toxin", "Kosten", "ab 300 CHF")
    ex = extract_page(html, "https://hautpraxis.example/leistungen/botulinum")
    assert [(p.treatment, p.amount, p.currency) for p in ex.prices] == [("botulinum_toxin", 300.0, "CHF")]


@pytest.mark.parametrize("text, amount, currency", [
    ("New patients pay a non-refundable consultation fee of $65, credited to same-day treatment.", 65.0, "USD"),
    ("We charge a GBP 35 consultation fee, which is taken off any treatment booked that day.", 35.0, "GBP"),
    ("Every first visit with the doctor carries a fee of AED 300 for the consultation itself.", 300.0, "AED"),
])
def test_a_consultation_fee_on_a_terms_page_is_the_clinics_price(text, amount, currency):
    """Terms pages state the consultation fee in prose, often with the treatment word after the amount."""
    url = "https://glowbar.example/terms-and-conditions"
    ex = extract_page(page(url, "Terms and conditions", text), url)
    assert [(p.treatment, p.amount, p.currency) for p in ex.prices] == [("consultation", amount, currency)]


@pytest.mark.parametrize("text, amount", [
    # what happens to the fee (forfeited, kept as a deposit) does not change what a consultation costs
    ("If you do not attend, the £40 consultation fee is forfeited and cannot be moved.", 40.0),
    ("Kindly note the charge for the consultation appointment is £60, held as a deposit against treatment.",
     60.0),
    ("Clients who miss their visit may lose the following: the £75 Skin Consultation Fee and any deposit paid.",
     75.0),
])
def test_a_consultation_fee_named_beside_its_amount_is_the_price_on_a_policy_page(text, amount):
    url = "https://glowbar.example/cancellation-policy"
    ex = extract_page(page(url, "Cancellation policy", text), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == [("consultation", amount)]


@pytest.mark.parametrize("text, amount, role", [
    ("Missing a consultation without a day's notice costs a £25 cancellation fee.", 25.0, "fee"),
    ("Consultations booked online carry a £15 admin charge on top of the visit.", 15.0, "fee"),
])
def test_a_fee_or_deposit_for_a_consultation_is_not_its_price(text, amount, role):
    url = "https://glowbar.example/cancellation-policy"
    ex = extract_page(page(url, "Cancellation policy", text), url)
    assert ex.prices == []
    assert [(m.role, m.amount) for m in ex.money] == [(role, amount)]


def test_rows_under_an_intro_naming_a_cancellation_fee_are_fees():
    """"...we may charge a late-cancellation fee of:" over "£25 for a consultation": the intro names
    what the rows are; a consultation row under a plain intro stays the consultation price."""
    url = "https://glowbar.example/terms-and-conditions"
    ex = extract_page(page(url, "Terms", "Should you not turn up, we keep the right to ask a late cancellation fee of:",
                           "half of the treatment price,", "£25 for a consultation,"), url)
    assert ex.prices == []
    assert [(m.role, m.amount) for m in ex.money] == [("fee", 25.0)]
    ex = extract_page(page(url, "Terms", "Our fees for first visits:", "£25 for a consultation"), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == [("consultation", 25.0)]


def test_an_abbreviation_does_not_end_the_sentence_that_names_the_treatment():
    """German pages write "ca. 50 €": the consultation named before it still owns the amount."""
    url = "https://hautpraxis.example/kosten"
    ex = extract_page(page(url, "Kosten", "Die ärztliche Erstberatung in unserer Praxis kostet ca. 60 € "
                                          "und wird bei einer Behandlung am selben Tag angerechnet."), url)
    assert [(p.treatment, p.amount, p.currency) for p in ex.prices] == [("consultation", 60.0, "EUR")]


def test_a_budget_sentence_takes_the_treatment_from_the_page_title():
    url = "https://skinhouse.example/dermal-fillers"
    ex = extract_page(page(url, "Dermal fillers | Skin House",
                           "The cost depends on the amount of product, but as a guide budget from £280 upwards "
                           "for a single visit with us."), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == [("dermal_filler", 280.0)]


def test_a_news_site_gives_no_clinic_price():
    url = "https://eveningtimes.example/beauty/high-street-chain-to-offer-toxin"
    ex = extract_page(page(url, "High street chain to offer toxin",
                           "The chain will offer anti-wrinkle injections for £89 in its flagship store."), url)
    assert ex.prices == []
    assert [m.amount for m in ex.money] == [89.0]


def test_rows_naming_no_treatment_on_a_treatment_page_take_the_page_topic():
    """'Face: from CHF 450' on a botulinum toxin page: the page names the treatment."""
    url = "https://hautpraxis.example/en/botulinum-toxin/"
    html = ("<html><head><title>Botulinum toxin</title></head><body><h1>Botulinum toxin</h1>"
            "<ul><li>Face: from CHF 450.-</li><li>Underarms: from CHF 650.-</li></ul></body></html>")
    ex = extract_page(html.encode(), url)
    assert sorted((p.treatment, p.amount) for p in ex.prices) == [("botulinum_toxin", 450.0),
                                                                 ("botulinum_toxin", 650.0)]


def test_appointment_lengths_on_a_cancellation_policy_are_fees():
    url = "https://glowbar.example/cancellation-policy/"
    ex = extract_page(page(url, "Cancellation policy", "Short appointments (up to 30 minutes): $40",
                           "Long appointments (an hour or more): $120"), url)
    assert ex.prices == []
    assert sorted((m.role, m.amount) for m in ex.money) == [("fee", 40.0), ("fee", 120.0)]


@pytest.mark.parametrize("sentence, expected", [
    # Dutch and Portuguese pages speak for the clinic with their own words
    ("In onze kliniek kost een behandeling van één zone 115 euro.", "own_price"),
    # the Polish "i" (and) is not the English "I"
    ("Kliniki premium w Stambule: 3 000–5 000 € i więcej za zabieg.", "market_price"),
    ("I charge £90 for a single area and review every client after two weeks.", "own_price"),
])
def test_own_voice_in_other_languages(sentence, expected):
    price = next(part for part in sentence.split() if part[:1] in "£$") if "£" in sentence else None
    assert money_roles.role_of(sentence, "editorial", price_text=price) == expected


def test_swiss_francs_written_as_a_word():
    url = "https://hautzentrum.example/aesthetik/"
    ex = extract_page(page(url, "Botulinumtoxin", "Die Behandlung kostet bei uns zirka 300 Franken pro Zone."), url)
    assert [(p.amount, p.currency) for p in ex.prices] == [(300.0, "CHF")]


def test_a_saved_text_excerpt_reads_line_by_line(tmp_path):
    """`clinicwatch extract page.txt --url URL`: plain text has only its line breaks for structure,
    so each line is a paragraph (a price list is rows, not one long sentence)."""
    from tests.conftest import run_cli

    text = ("Anti-wrinkle injections\nThe cost depends on how many areas are treated.\n"
            "1 area £150\n2 areas £200\n3 areas £250\nBook a consultation online.\n")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("extract", str(path), "--url", "https://glowbar.example/anti-wrinkle/")
    assert result.returncode == 0, result.stderr
    import json

    prices = json.loads(result.stdout)["prices"]
    assert [(p["treatment"], p["amount"], p["quantity"]) for p in prices] == [
        ("botulinum_toxin", 150.0, 1.0), ("botulinum_toxin", 200.0, 2.0), ("botulinum_toxin", 250.0, 3.0)]


@pytest.mark.parametrize("text, ctype, plain", [
    ("Prices\nLip filler £200", None, True),
    ("<p>Lip filler £200</p>", None, False),
    ("<!doctype html><title>x</title>", None, False),
    ("<p>x</p>", "text/plain; charset=utf-8", True),
    ("Use 2 < 3 and 5 > 4 in sums", None, True),
])
def test_plain_text_is_told_from_html(text, ctype, plain):
    from spiders.pages.clinic_page import is_plain_text

    assert is_plain_text(text, ctype) is plain


def test_a_clinic_post_listing_its_prices_gives_them():
    """A clinic's own post with its price list: rows naming areas or treatments are its prices."""
    url = "https://peauclinic.example/fr/news/12_botox"
    html = page(url, "Botox : nos tarifs", "Tarifs du traitement :", "- 1 zone : 160 € HTVA",
                "- 2 zones : 260 € HTVA", "- 3 zones : 360 € HTVA")
    ex = extract_page(html, url)
    assert sorted((p.amount, p.quantity) for p in ex.prices) == [(160.0, 1.0), (260.0, 2.0), (360.0, 3.0)]


def test_a_clinic_post_row_with_an_aside_in_brackets_is_still_a_row():
    """The sites a row covers, in brackets, make the row long but not a running sentence."""
    url = "https://hautcentre.example/actualites/toxine"
    ex = extract_page(page(url, "Toxine",
                           "- 1 zone : 140 € (entre les sourcils, ou le front, ou le coin des yeux)",
                           "- 2 zones : 230 €",
                           "- 3 zones : 320 €"), url)
    assert sorted((p.amount, p.unit) for p in ex.prices) == [(140.0, "area"), (230.0, "area"), (320.0, "area")]


def test_a_guide_listing_prices_by_city_or_source_gives_none():
    url = "https://beautydesk.example/blog/botox-prices-around-the-country"
    html = page(url, "Botox prices around the country", "What one area of toxin costs:", "London: £260",
                "Leeds: £190", "Glasgow: £170", "A national survey: £210")
    ex = extract_page(html, url)
    assert ex.prices == []
    assert len(ex.money) == 4


@pytest.mark.parametrize("title, paragraphs, expected", [
    # a bare "Cost" line over the amount on a page about an unlisted treatment
    ("Wart freezing", ["Small skin growths can be frozen off in a short visit.", "Cost", "£95",
                       "This covers a twenty-minute appointment."], [("other", 95.0)]),
    # the title names no treatment, the text names one again and again
    ("Headache relief", ["Toxin injections can calm the muscles behind tension headaches.",
                         "Each toxin session takes about fifteen minutes.",
                         "Botox for headaches is repeated every three months.",
                         "Cost of treatment from £420"], [("botulinum_toxin", 420.0)]),
    # a page naming two treatments about equally gives no topic to a price that names none
    ("Our approach", ["We offer Botox and dermal fillers.", "Botox softens lines; fillers restore volume.",
                      "Cost of treatment from £200"], [("other", 200.0)]),
], ids=["cost-line", "page-mostly-about-one", "no-clear-topic"])
def test_a_price_labelled_only_cost_takes_the_page_topic(title, paragraphs, expected):
    url = "https://larchclinic.example/treatments/our-approach"
    html = "<html><head><title>" + title + "</title></head><body>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    ex = extract_page((html + "</body></html>").encode(), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == expected


def test_a_german_consultation_in_the_plural_is_a_consultation():
    url = "https://praxis-linde.example/behandlungen/faltenbehandlung"
    ex = extract_page(page(url, "Faltenbehandlung", "Ausführliche Beratungen vor der Behandlung: 40 €"), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == [("consultation", 40.0)]


def test_rows_under_an_intro_naming_a_consultation_fee_are_consultations():
    url = "https://praxis-linde.example/agb"
    ex = extract_page(page(url, "Geschäftsbedingungen", "Für jeden Bereich fällt eine eigene Beratungsgebühr an:",
                           "Gesicht: 50 €", "Körper: 50 €", "Haare und Kopfhaut: 80 €"), url)
    assert sorted((p.treatment, p.amount) for p in ex.prices) == [
        ("consultation", 50.0), ("consultation", 50.0), ("consultation", 80.0)]


def test_a_fee_sentence_under_a_consultations_line_is_the_consultation_price():
    url = "https://larchclinic.example/patient-policies/"
    ex = extract_page(page(url, "Patient policies", "Skin consultations",
                           "We ask a $45 fee at booking, which is taken off any treatment booked that day."), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == [("consultation", 45.0)]


def test_a_paragraph_between_an_intro_and_a_list_ends_the_intro():
    """A consultation line, then a no-show paragraph, then the no-show amounts: fees, not consultations."""
    url = "https://larchclinic.example/patient-policies/"
    ex = extract_page(page(url, "Patient policies", "Consultation",
                           "If you cannot come, tell us a full day ahead or the missed slot is charged at the rate "
                           "below for each kind of visit you had booked with the practice:",
                           "Skin check visits: $40", "Surgery visits: $90"), url)
    assert ex.prices == []
    assert sorted((m.role, m.amount) for m in ex.money) == [("fee", 40.0), ("fee", 90.0)]


def test_prp_described_after_its_amount_as_for_the_scalp_is_hair_prp():
    """A bullet names PRP, then its price, then what it is for: the description decides hair or face."""
    url = "https://renewclinic.example/in-clinic-options"
    html = page(url, "In-clinic options",
                "- Platelet-rich plasma with vitamins — £450: a series of injections that calm shedding and support "
                "density where the scalp is thinning.")
    ex = extract_page(html, url)
    assert [(p.treatment, p.amount) for p in ex.prices] == [("prp_hair", 450.0)]


@pytest.mark.parametrize("sentence, treatment", [
    # the consultation is where the treatment happens, not what the amount buys...
    ("Tags removed during a routine GP consultation cost only £30.", "other"),
    ("Add anti-wrinkle to one area during your consultation for £95 more.", "botulinum_toxin"),
    # ...but a consultation priced for itself stays one
    ("A consultation with the nurse before any treatment is £30 in total.", "consultation"),
])
def test_a_consultation_that_is_only_the_setting_is_not_what_is_priced(sentence, treatment):
    url = "https://familypractice.example/minor-procedures/skin-tags"
    ex = extract_page(page(url, "Skin tag removal", "Removing skin tags", sentence), url)
    assert [p.treatment for p in ex.prices] == [treatment]


def test_a_page_without_title_or_heading_takes_its_topic_from_its_opening_lines():
    """A saved excerpt whose title is the doctor's name: the opening lines name the treatment,
    which the text also names most, so "Cost (CHF) from 500" is that treatment's price."""
    url = "https://hautarzt.example/Falten/Stirn"
    body = ("<p>DR. ANNA MUSTER</p><p>Hautärztin in Bern</p><p>Glätten der Stirnfalten mit Hyaluronsäure</p>"
            "<p>Mit den Jahren verliert die Stirn an Spannkraft, die Haut wird dünner und trockener, und die "
            "Linien, die sich beim Stirnrunzeln bilden, bleiben auch in Ruhe sichtbar. Viele Menschen wünschen "
            "sich dann eine sanfte Glättung ohne Operation und ohne lange Ausfallzeit.</p>"
            "<p>Kurz gefasst</p><p>Dauer 20 Minuten</p><p>Betäubung Creme</p><p>Ausfallzeit keine</p>"
            "<p>Die Hyaluronsäure wird mit feinen Nadeln eingebracht; Botulinumtoxin ist eine Alternative.</p>"
            "<p>Kurz gefasst</p><p>Dauer 20 Minuten</p><p>Betäubung Creme</p><p>Ausfallzeit keine</p>"
            "<p>Kosten (CHF) ab 500</p>")
    html = f"<html><head><title>DR. ANNA MUSTER</title></head><body>{body}</body></html>".encode()
    ex = extract_page(html, url)
    assert [(p.treatment, p.amount, p.currency) for p in ex.prices] == [("dermal_filler", 500.0, "CHF")]


_PARAGRAPH = ("Anti-wrinkle injections for heavy sweating work well, but the product itself is expensive and "
              "insurers rarely pay for it. Patients paying for themselves are charged $750 for both armpits.")


@pytest.mark.parametrize("url, paragraph, expected", [
    # a clinic's own treatment page: the earlier sentence of the paragraph names the treatment
    ("https://skinclinic.example/sweating/anti-wrinkle-for-sweating", _PARAGRAPH, [("botulinum_toxin", 750.0)]),
    # a news article with the same paragraph quotes somebody else's price
    ("https://skinclinic.example/news/2024/03/sweat-treatment-prices", _PARAGRAPH, []),
    # two treatments named before it: no telling which one the amount is for
    ("https://skinclinic.example/sweating/options",
     "Anti-wrinkle injections and microneedling both help, but neither is cheap. Patients paying for "
     "themselves are charged $750 for a visit.", []),
])
def test_a_price_sentence_takes_the_treatment_its_paragraph_named_before(url, paragraph, expected):
    ex = extract_page(page(url, "Treatment for heavy sweating", paragraph), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == expected


def test_a_treatment_outside_the_main_groups_priced_in_a_terms_sentence():
    """A refund policy stating what filler dissolving costs, in a sentence long enough to be prose."""
    url = "https://glowbar.example/refund-policy/"
    ex = extract_page(page(url, "Refund policy", "Filler dissolver costs £180 per session and is only offered when "
                                                 "the treating clinician judges it safe and necessary for you."), url)
    assert [(p.treatment, p.amount, p.currency) for p in ex.prices] == [("other", 180.0, "GBP")]


@pytest.mark.parametrize("url, sentence, expected", [
    # a clinic's post naming itself instead of "we" speaks for the clinic...
    ("https://www.glowbarclinic.example/post/lip-filler-questions",
     "At Glow Bar Clinic a first lip filler appointment is £190 with a review included.", "own_price"),
    # ...a news site's name is a byline, and one ordinary word that happens to be the host is no name
    ("https://www.eveningtimes.example/beauty/lip-filler-prices",
     "Evening Times readers said a first lip filler appointment is £190 in town.", "market_price"),
    ("https://standard.example/beauty/lip-filler-prices",
     "A standard first lip filler appointment is £190 in most of town.", "market_price"),
])
def test_a_clinic_post_naming_the_clinic_speaks_for_it(url, sentence, expected):
    brand = money_roles.site_brand(url)
    assert money_roles.role_of(sentence, "editorial", price_text="£190", brand=brand) == expected


def test_the_remaining_part_of_a_consultation_fee_is_not_a_second_price():
    sentence = "A day before your visit you pay the remaining $120 consultation fee through the link we send."
    assert money_roles.role_of(sentence, "policy", price_text="$120", treatment="consultation") == "deposit"


def test_a_clinic_post_prices_the_treatment_its_paragraph_named_when_it_speaks_for_itself():
    """On a post the earlier sentence's treatment carries over only to a sentence where the clinic
    speaks (here by its own name); a sentence that does not stays unpriced."""
    url = "https://www.glowbarclinic.example/post/five-questions-about-toxin"
    para = ("What anti-wrinkle treatment costs depends on how many zones are treated. Glow Bar Clinic has a "
            "starting price of 110 euro for half a zone. One full zone mostly costs 150 euro elsewhere.")
    ex = extract_page(page(url, "Five questions about toxin", para), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == [("botulinum_toxin", 110.0)]


@pytest.mark.parametrize("second, expected", [
    # the same amount called a consultation fee and given back like the deposit: the deposit again
    ("If you decide against treatment, your £40 consultation fee is refunded in full.", []),
    # a consultation booked on its own has its own fee, even of the same amount
    ("A consultation on its own, without treatment, has a consultation fee of £40.", [("consultation", 40.0)]),
])
def test_a_deposit_restated_as_a_refundable_consultation_fee_is_no_price(second, expected):
    url = "https://glowbar.example/booking-policy/"
    ex = extract_page(page(url, "Booking policy", "Every new client books with a £40 deposit, taken off the treatment.",
                           second), url)
    assert [(p.treatment, p.amount) for p in ex.prices] == expected


def test_a_run_of_price_rows_shares_the_label_its_first_row_took():
    """Rows priced by size under one label a few lines up: each row of the run is the same treatment,
    also those further down than a lone row may look for its label."""
    url = "https://hairclinic.example/treatments/steroid-injections"
    ex = extract_page(page(url, "Steroid injections for patchy hair loss", "Results show in", "2-4 months",
                           "How often are they given?", "Once every five weeks, at most five times.",
                           "$200 for a patch under 2 cm", "$260 for a patch of 2 to 4 cm",
                           "$320 for several patches or one above 4 cm"), url)
    assert [p.amount for p in ex.prices] == [200.0, 260.0, 320.0]
    assert len({p.treatment for p in ex.prices}) == 1


def test_a_long_bulleted_row_of_a_clinic_posts_price_list_is_a_row():
    """A clinic's post listing its toxin prices: the last bullet has a long label but is still one
    'label: amount' row of the same list; a bulleted sentence with two amounts stays a market figure."""
    url = "https://hautpraxis.example/fr/actualites/12_toxine"
    ex = extract_page(page(url, "Toxine botulique", "Nos tarifs:", "- 1 zone: 160 €", "- 2 zones: 270 €",
                           "- Ride du lion: toxine avec un peu d'acide hyaluronique sur la peau marquée: 280 €",
                           "• Greffe FUE – le prix pour une greffe FUE commence à 2000 € et peut aller jusqu'à 4000 €"),
                      url)
    assert sorted(p.amount for p in ex.prices) == [160.0, 270.0, 280.0]


def test_a_price_late_in_a_long_paragraph_is_judged_by_its_own_sentence():
    """The role of an amount far into a long paragraph is read from its own sentence, not from the
    paragraph's first lines: here the sentence works the figure out, it is no second price."""
    url = "https://glowbar.example/anti-wrinkle-units"
    opening = ("Our anti-wrinkle price is $11 per unit of the brand we use most. " + "Brands measure their "
               "units differently, so a dose of one brand is not a dose of another, and the number of units "
               "on your receipt can look high even when the treatment is not dearer. " * 3)
    para = opening + "Counted in the other brand's units, that effectively costs $33 per unit."
    ex = extract_page(page(url, "Anti-wrinkle units explained", para), url)
    assert [p.amount for p in ex.prices] == [11.0]
    assert ("example", 33.0) in {(m.role, m.amount) for m in ex.money}
