"""The golden price cases (see fixture_pages.py). Invented clinics and wording throughout.

Row: (treatment, treatment_text, amount, unit, sessions, from_price?)."""

from __future__ import annotations

HM, FM, PH, PF = "hair_mesotherapy", "face_mesotherapy", "prp_hair", "prp_face"
MN, BT, DF, SB, CO, OT = "microneedling", "botulinum_toxin", "dermal_filler", "skin_booster", "consultation", "other"


def ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def case(shape, cms, lang, currency, url, title, body, prices, **kw):
    return dict(shape=shape, cms=cms, lang=lang, currency=currency, url=url, title=title, body=body,
                prices=prices, **kw)


CASES = [
    # ---- simple tables --------------------------------------------------------------------------
    case("table", "wp", "en", "GBP", "https://www.harleyglow.co.uk/prices/", "Price List", """
<p>All treatments are carried out by our medical team after a consultation.</p>
<table class="tablepress"><thead><tr><th>Treatment</th><th>Price</th></tr></thead><tbody>
<tr><td>Hair Mesotherapy</td><td>£180</td></tr>
<tr><td>PRP Hair Restoration</td><td>£350</td></tr>
<tr><td>Microneedling</td><td>£220</td></tr>
<tr><td>Consultation</td><td>£50 (redeemable against treatment)</td></tr></tbody></table>""",
         [(HM, "Hair Mesotherapy", 180.0, "session", None), (PH, "PRP Hair Restoration", 350.0, "session", None),
          (MN, "Microneedling", 220.0, "session", None), (CO, "Consultation", 50.0, "consultation", None)]),
    case("table", "joomla", "de", "EUR", "https://www.haut-und-haar-muenchen.de/preise", "Preise", """
<table class="table table-striped"><tr><th>Behandlung</th><th>Preis</th></tr>
<tr><td>Haar-Mesotherapie</td><td>160,00 €</td></tr>
<tr><td>PRP Haarbehandlung</td><td>ab 290,00 €</td></tr>
<tr><td>Profhilo</td><td>380,00 € pro Behandlung</td></tr>
<tr><td>Erstberatung</td><td>kostenlos</td></tr></table>""",
         [(HM, "Haar-Mesotherapie", 160.0, "session", None), (PH, "PRP Haarbehandlung", 290.0, "session", None, True),
          (SB, "Profhilo", 380.0, "treatment", None), (CO, "Erstberatung", None, "consultation", None)]),
    case("table", "static", "tr", "TRY", "https://www.istanbulsacklinigi.com.tr/fiyatlar", "Fiyat Listesi", """
<table><tr><th>Tedavi</th><th>Fiyat</th></tr>
<tr><td>Saç mezoterapisi</td><td>2.500 TL</td></tr>
<tr><td>Saç PRP</td><td>4.000 TL</td></tr>
<tr><td>Botoks (1 bölge)</td><td>5.500 TL</td></tr></table>""",
         [(HM, "Saç mezoterapisi", 2500.0, "session", None), (PH, "Saç PRP", 4000.0, "session", None),
          (BT, "Botoks", 5500.0, "area", None)]),
    # ---- multi-column tables --------------------------------------------------------------------
    case("table-columns", "wp", "en", "GBP", "https://www.crownhairclinic.co.uk/fees/", "Fees", """
<table><thead><tr><th>Treatment</th><th>Single session</th><th>Course of 3</th><th>Course of 6</th></tr></thead>
<tr><td>PRP for Hair Loss</td><td>£300</td><td>£795</td><td>£1,500</td></tr>
<tr><td>Scalp Mesotherapy</td><td>£160</td><td>£420</td><td>£780</td></tr></table>""",
         [(PH, "PRP for Hair Loss", 300.0, "session", None), (PH, "PRP for Hair Loss", 795.0, "course", 3),
          (PH, "PRP for Hair Loss", 1500.0, "course", 6), (HM, "Scalp Mesotherapy", 160.0, "session", None),
          (HM, "Scalp Mesotherapy", 420.0, "course", 3), (HM, "Scalp Mesotherapy", 780.0, "course", 6)]),
    case("table-columns", "joomla", "es", "EUR", "https://www.clinicacapilarmadrid.es/precios", "Precios", """
<table><tr><th>Tratamiento</th><th>1 sesión</th><th>Bono de 4 sesiones</th></tr>
<tr><td>Mesoterapia capilar</td><td>120 €</td><td>420 €</td></tr>
<tr><td>PRP capilar</td><td>250 €</td><td>880 €</td></tr></table>""",
         [(HM, "Mesoterapia capilar", 120.0, "session", None), (HM, "Mesoterapia capilar", 420.0, "course", 4),
          (PH, "PRP capilar", 250.0, "session", None), (PH, "PRP capilar", 880.0, "course", 4)]),
    # ---- bare numbers under a currency header ----------------------------------------------------
    case("table-header-currency", "static", "pl", "PLN", "https://www.klinika-wlosow.pl/cennik", "Cennik", """
<table><tr><th>Zabieg</th><th>Cena [zł]</th></tr>
<tr><td>Mezoterapia igłowa skóry głowy</td><td>450</td></tr>
<tr><td>Osocze bogatopłytkowe na włosy</td><td>900</td></tr>
<tr><td>Konsultacja trychologiczna</td><td>200</td></tr></table>""",
         [(HM, "Mezoterapia igłowa skóry głowy", 450.0, "session", None),
          (PH, "Osocze bogatopłytkowe na włosy", 900.0, "session", None),
          (CO, "Konsultacja trychologiczna", 200.0, "consultation", None)]),
    case("table-header-currency", "wp", "en", "GBP", "https://www.rosehillaesthetics.co.uk/price-list/", "Price list", """
<table><tr><th>Treatment</th><th>Price (£)</th></tr>
<tr><td>Lip Filler 1ml</td><td>260</td></tr><tr><td>Profhilo</td><td>320</td></tr>
<tr><td>HydraFacial</td><td>150</td></tr></table>""",
         [(DF, "Lip Filler", 260.0, "ml", None), (SB, "Profhilo", 320.0, "session", None),
          (OT, "HydraFacial", 150.0, "session", None)]),
    # ---- nested / layout tables ----------------------------------------------------------------
    case("table-nested", "static", "en", "GBP", "https://www.oldtownclinic.co.uk/prices.htm", "Our Prices", """
<table width="100%" class="layout"><tr><td valign="top"><p>Welcome to our price page.</p></td>
<td><table border="1" cellpadding="4"><tr><td><b>Treatment</b></td><td><b>Price</b></td></tr>
<tr><td>Anti-wrinkle injections - 1 area</td><td>£140</td></tr>
<tr><td>Anti-wrinkle injections - 2 areas</td><td>£190</td></tr>
<tr><td>Chemical peel</td><td>£85</td></tr></table></td></tr></table>""",
         [(BT, "Anti-wrinkle injections", 140.0, "area", None), (BT, "Anti-wrinkle injections", 190.0, "area", None),
          (OT, "Chemical peel", 85.0, "session", None)], charset="windows-1252"),
    case("table-nested", "static", "de", "EUR", "https://www.praxis-dr-weber.de/preise.html", "Preisliste", """
<table class="outer"><tr><td><table class="preise"><tr><th>Leistung</th><th>Preis</th></tr>
<tr><td>Mesotherapie Gesicht</td><td>180 €</td></tr><tr><td>Microneedling</td><td>220 €</td></tr></table></td>
<td><table class="preise"><tr><th>Leistung</th><th>Preis</th></tr>
<tr><td>Lippenunterspritzung 1 ml</td><td>350 €</td></tr><tr><td>Beratungsgespräch</td><td>50 €</td></tr></table></td></tr></table>""",
         [(FM, "Mesotherapie Gesicht", 180.0, "session", None), (MN, "Microneedling", 220.0, "session", None),
          (DF, "Lippenunterspritzung", 350.0, "ml", None), (CO, "Beratungsgespräch", 50.0, "consultation", None)],
         charset="iso-8859-1"),
    # ---- tables with row groups -----------------------------------------------------------------
    case("table-rowgroups", "wp", "en", "GBP", "https://www.lumiere-skin.co.uk/pricing/", "Pricing", """
<table><tr><th colspan="2">Anti-Wrinkle Injections</th></tr>
<tr><td>1 area</td><td>£150</td></tr><tr><td>2 areas</td><td>£210</td></tr><tr><td>3 areas</td><td>£260</td></tr>
<tr><td colspan="2"><strong>Dermal Filler</strong></td></tr>
<tr><td>0.5ml</td><td>£180</td></tr><tr><td>1ml</td><td>£250</td></tr></table>""",
         [(BT, "Anti-Wrinkle Injections", 150.0, "area", None), (BT, "Anti-Wrinkle Injections", 210.0, "area", None),
          (BT, "Anti-Wrinkle Injections", 260.0, "area", None), (DF, "Dermal Filler", 180.0, "ml", None),
          (DF, "Dermal Filler", 250.0, "ml", None)]),
    case("table-rowgroups", "static", "pl", "PLN", "https://www.estetica-gdansk.pl/cennik/", "Cennik", """
<table><tbody><tr><td colspan="2">Toksyna botulinowa</td></tr>
<tr><td>1 okolica</td><td>650 zł</td></tr><tr><td>2 okolice</td><td>900 zł</td></tr>
<tr><td colspan="2">Kwas hialuronowy</td></tr><tr><td>1 ml</td><td>1 100 zł</td></tr></tbody></table>""",
         [(BT, "Toksyna botulinowa", 650.0, "area", None), (BT, "Toksyna botulinowa", 900.0, "area", None),
          (DF, "Kwas hialuronowy", 1100.0, "ml", None)], charset="iso-8859-2"),
    # ---- caption -------------------------------------------------------------------------------
    case("table-caption", "squarespace", "en", "USD", "https://www.sunsetmedspa.com/pricing", "Pricing", """
<table><caption>Neurotoxins</caption><tr><th>Product</th><th>Price</th></tr>
<tr><td>Botox</td><td>$14 per unit</td></tr><tr><td>Dysport</td><td>$5 per unit</td></tr></table>
<table><caption>Fillers</caption><tr><th>Product</th><th>Price</th></tr>
<tr><td>Juvederm Ultra</td><td>$700 per syringe</td></tr></table>""",
         [(BT, "Botox", 14.0, "unit", None), (BT, "Dysport", 5.0, "unit", None),
          (DF, "Juvederm Ultra", 700.0, "syringe", None)], country="US"),
    # ---- lists ---------------------------------------------------------------------------------
    case("list", "wp", "en", "GBP", "https://www.kensingtonderm.co.uk/treatments/prices/", "Treatment prices", """
<h2>Skin</h2><ul class="price-list"><li>Facial Mesotherapy – £140</li><li>Vampire Facial (PRP) – £380</li>
<li>Dermapen Microneedling – £199</li></ul>
<h2>Injectables</h2><ul class="price-list"><li>Lip Filler 1ml – £280</li><li>Seventy Hyal Skin Booster – £250</li></ul>""",
         [(FM, "Facial Mesotherapy", 140.0, "session", None), (PF, "Vampire Facial (PRP)", 380.0, "session", None),
          (MN, "Dermapen Microneedling", 199.0, "session", None), (DF, "Lip Filler", 280.0, "ml", None),
          (SB, "Seventy Hyal Skin Booster", 250.0, "session", None)]),
    case("list", "static", "it", "EUR", "https://www.centroesteticomilano.it/prezzi", "Listino prezzi", """
<ul><li>Mesoterapia capelli: 130 €</li><li>PRP capelli: 280 €</li><li>Tossina botulinica (1 zona): 250 €</li>
<li>Filler labbra 1 ml: 350 €</li><li>Prima visita: gratuita</li></ul>""",
         [(HM, "Mesoterapia capelli", 130.0, "session", None), (PH, "PRP capelli", 280.0, "session", None),
          (BT, "Tossina botulinica", 250.0, "area", None), (DF, "Filler labbra", 350.0, "ml", None),
          (CO, "Prima visita", None, "consultation", None)]),
    case("list", "static", "fr", "EUR", "https://www.cabinet-esthetique-lyon.fr/tarifs", "Tarifs", """
<ol><li>Mésothérapie cuir chevelu : 150 €</li><li>PRP visage : 300 €</li><li>Botox 1 zone : 280 €</li>
<li>Consultation médicale : 60 €</li></ol>""",
         [(HM, "Mésothérapie cuir chevelu", 150.0, "session", None), (PF, "PRP visage", 300.0, "session", None),
          (BT, "Botox", 280.0, "area", None), (CO, "Consultation médicale", 60.0, "consultation", None)]),
    # ---- dot leaders ---------------------------------------------------------------------------
    case("dot-leaders", "squarespace", "en", "GBP", "https://www.thelaserloft.co.uk/menu", "Menu", """
<div class="sqs-block-content"><p>Scalp Mesotherapy ............ £175</p><p>PRP Hair ............ £325</p>
<p>Laser Hair Removal (Underarms) ............ £65</p><p>Gel Manicure ............ £30</p></div>""",
         [(HM, "Scalp Mesotherapy", 175.0, "session", None), (PH, "PRP Hair", 325.0, "session", None),
          (OT, "Laser Hair Removal (Underarms)", 65.0, "session", None), (OT, "Gel Manicure", 30.0, "session", None)]),
    case("dot-leaders", "static", "de", "EUR", "https://www.beauty-lounge-koeln.de/preisliste", "Preisliste", """
<div class="preisliste"><p>Microneedling Gesicht ...... 190,- €</p><p>Skinbooster ...... 290,- €</p>
<p>Maniküre ...... 35,- €</p></div>""",
         [(MN, "Microneedling Gesicht", 190.0, "session", None), (SB, "Skinbooster", 290.0, "session", None),
          (OT, "Maniküre", 35.0, "session", None)]),
    # ---- definition lists ----------------------------------------------------------------------
    case("dl", "wp", "en", "GBP", "https://www.marylebonehair.co.uk/prices/", "Prices", """
<dl class="price-list"><dt>Hair Mesotherapy</dt><dd>£190 per session</dd><dt>Hair Mesotherapy</dt>
<dd>Course of 6 sessions: £990</dd><dt>PRP for Hair Loss</dt><dd>£360 per session</dd><dt>Initial Consultation</dt><dd>Free</dd></dl>""",
         [(HM, "Hair Mesotherapy", 190.0, "session", None), (HM, "Hair Mesotherapy", 990.0, "course", 6),
          (PH, "PRP for Hair Loss", 360.0, "session", None), (CO, "Initial Consultation", None, "consultation", None)]),
    case("dl", "static", "es", "EUR", "https://www.dermoestetica-valencia.es/tarifas", "Tarifas", """
<dl><dt>Plasma rico en plaquetas facial</dt><dd>220 € por sesión</dd><dt>Relleno de labios</dt><dd>300 € (1 jeringa)</dd>
<dt>Primera consulta</dt><dd>Gratis</dd></dl>""",
         [(PF, "Plasma rico en plaquetas facial", 220.0, "session", None), (DF, "Relleno de labios", 300.0, "syringe", None),
          (CO, "Primera consulta", None, "consultation", None)]),
    # ---- page-builder cards --------------------------------------------------------------------
    case("cards-elementor", "elementor", "en", "GBP", "https://www.velvetclinic.co.uk/prices/", "Prices", """
<section class="elementor-section"><div class="elementor-container">
<div class="elementor-column"><div class="elementor-widget-wrap">
<div class="elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h3 class="elementor-heading-title">PRP Hair Restoration</h3></div></div>
<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>Your own platelets help weak follicles recover strength over a few months.</p></div></div>
<div class="elementor-widget elementor-widget-price"><div class="elementor-widget-container"><span class="price">£350</span> <span class="unit">per session</span></div></div></div></div>
<div class="elementor-column"><div class="elementor-widget-wrap">
<div class="elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h3 class="elementor-heading-title">Profhilo</h3></div></div>
<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>Two treatments four weeks apart for hydrated, bouncy skin.</p></div></div>
<div class="elementor-widget elementor-widget-price"><div class="elementor-widget-container"><span class="price">£300</span> <span class="unit">per treatment</span></div></div></div></div>
</div></section>""",
         [(PH, "PRP Hair Restoration", 350.0, "session", None), (SB, "Profhilo", 300.0, "treatment", None)]),
    case("cards-elementor", "elementor", "de", "EUR", "https://www.aesthetik-hamburg.de/preise/", "Preise", """
<div class="elementor-price-table"><div class="elementor-price-table__header"><h3 class="elementor-price-table__heading">Mesotherapie für Haare</h3></div>
<div class="elementor-price-table__price"><span class="elementor-price-table__currency">€</span><span class="elementor-price-table__integer-part">149</span>
<span class="elementor-price-table__period">pro Sitzung</span></div></div>
<div class="elementor-price-table"><div class="elementor-price-table__header"><h3 class="elementor-price-table__heading">Botox-Behandlung</h3></div>
<div class="elementor-price-table__price"><span class="elementor-price-table__currency">ab</span> <span class="elementor-price-table__integer-part">220 €</span></div></div>""",
         [(HM, "Mesotherapie für Haare", 149.0, "session", None), (BT, "Botox-Behandlung", 220.0, "session", None, True)]),
    case("cards-divi", "divi", "en", "GBP", "https://www.northernhairclinic.co.uk/pricing/", "Pricing", """
<div class="et_pb_pricing_table"><div class="et_pb_pricing_heading"><h2 class="et_pb_pricing_title">Hair Mesotherapy</h2>
<span class="et_pb_best_value">Course of 4 sessions</span></div><div class="et_pb_pricing_content_top"><span class="et_pb_et_price">
<span class="et_pb_dollar_sign">£</span><span class="et_pb_sum">560</span></span></div></div>
<div class="et_pb_pricing_table"><div class="et_pb_pricing_heading"><h2 class="et_pb_pricing_title">PRP for Hair Loss</h2>
<span class="et_pb_best_value">Course of 3 sessions</span></div><div class="et_pb_pricing_content_top"><span class="et_pb_et_price">
<span class="et_pb_dollar_sign">£</span><span class="et_pb_sum">840</span></span></div></div>""",
         [(HM, "Hair Mesotherapy", 560.0, "course", 4), (PH, "PRP for Hair Loss", 840.0, "course", 3)]),
    case("cards-divi", "divi", "en", "AED", "https://www.palmaesthetics.ae/prices/", "Prices", """
<div class="et_pb_blurb"><h4 class="et_pb_module_header">Microneedling</h4><div class="et_pb_blurb_description">
<p>Collagen induction for scars and pores.</p><p>AED 900</p></div></div>
<div class="et_pb_blurb"><h4 class="et_pb_module_header">Skin Booster</h4><div class="et_pb_blurb_description">
<p>Deep hydration with hyaluronic acid micro-injections.</p><p>AED 1,400 per syringe</p></div></div>""",
         [(MN, "Microneedling", 900.0, "session", None), (SB, "Skin Booster", 1400.0, "syringe", None)], country="AE"),
    # ---- accordions and tabs -------------------------------------------------------------------
    case("accordion", "wp", "en", "GBP", "https://www.chelseaskin.co.uk/prices/", "Prices", """
<div class="accordion"><div class="accordion-item"><button class="accordion-title" aria-expanded="false">Hair Loss Treatments</button>
<div class="accordion-panel" hidden><ul><li>Hair Mesotherapy £170</li><li>PRP Hair £320</li></ul></div></div>
<div class="accordion-item"><button class="accordion-title">Injectables</button><div class="accordion-panel" hidden>
<ul><li>Botox 1 area £160</li><li>Botox 2 areas £220</li></ul></div></div></div>""",
         [(HM, "Hair Mesotherapy", 170.0, "session", None), (PH, "PRP Hair", 320.0, "session", None),
          (BT, "Botox", 160.0, "area", None), (BT, "Botox", 220.0, "area", None)]),
    case("accordion", "static", "pl", "PLN", "https://www.klinika-piekna.pl/cennik", "Cennik", """
<details><summary>Zabiegi na włosy</summary><p>Mezoterapia skóry głowy – 400 zł</p><p>Osocze na włosy – 800 zł</p></details>
<details><summary>Medycyna estetyczna</summary><p>Botoks 1 okolica – 600 zł</p><p>Skinbooster – 900 zł</p></details>""",
         [(HM, "Mezoterapia skóry głowy", 400.0, "session", None), (PH, "Osocze na włosy", 800.0, "session", None),
          (BT, "Botoks", 600.0, "area", None), (SB, "Skinbooster", 900.0, "session", None)]),
    case("tabs", "elementor", "en", "GBP", "https://www.bloomaesthetics.co.uk/price-list/", "Price list", """
<div class="elementor-tabs"><div class="elementor-tabs-wrapper"><div class="elementor-tab-title" data-tab="1">Hair</div>
<div class="elementor-tab-title" data-tab="2">Face</div></div><div class="elementor-tabs-content-wrapper">
<div class="elementor-tab-content tab-panel" data-tab="1"><p><strong>Mesotherapy</strong></p><p>£160 per session</p></div>
<div class="elementor-tab-content tab-panel" data-tab="2" style="display:none"><p><strong>Mesotherapy</strong></p><p>£130 per session</p></div></div></div>""",
         [(HM, "Mesotherapy", 160.0, "session", None), (FM, "Mesotherapy", 130.0, "session", None)],
         xfail="tab titles (Hair / Face) are not read as headings, so the first Mesotherapy is read as face"),
    case("tabs", "static", "es", "EUR", "https://www.clinica-bella.es/precios", "Precios", """
<div role="tablist"><button role="tab">Capilar</button><button role="tab">Facial</button></div>
<div role="tabpanel"><h3>Tratamiento capilar</h3><ul><li>Mesoterapia capilar 110 €</li><li>PRP capilar 240 €</li></ul></div>
<div role="tabpanel" hidden><h3>Tratamiento facial</h3><ul><li>Mesoterapia facial 100 €</li><li>Bótox 1 zona 220 €</li></ul></div>""",
         [(HM, "Mesoterapia capilar", 110.0, "session", None), (PH, "PRP capilar", 240.0, "session", None),
          (FM, "Mesoterapia facial", 100.0, "session", None), (BT, "Bótox", 220.0, "area", None)]),
    # ---- prices split across elements ----------------------------------------------------------
    case("split-price", "wix", "en", "GBP", "https://www.glowroom.co.uk/prices", "Prices", """
<div class="service"><p class="service-name">Vampire Facial</p><p><span class="currency">£</span><span class="amount">395</span></p></div>
<div class="service"><p class="service-name">Lip Filler</p><p><span class="currency">£</span><span class="amount">245</span><span class="per">/ml</span></p></div>""",
         [(PF, "Vampire Facial", 395.0, "session", None), (DF, "Lip Filler", 245.0, "ml", None)]),
    case("split-price", "static", "en", "USD", "https://www.desertglowmedspa.com/menu", "Menu", """
<div class="menu-card"><h4>Botox</h4><div class="price"><sup>$</sup>12<small>/unit</small></div></div>
<div class="menu-card"><h4>Restylane Lyft</h4><div class="price"><sup>$</sup>750<small>/syringe</small></div></div>""",
         [(BT, "Botox", 12.0, "unit", None), (DF, "Restylane Lyft", 750.0, "syringe", None)], country="US"),
    # ---- <br>-separated blocks -----------------------------------------------------------------
    case("br-block", "wp", "en", "GBP", "https://www.thehairroom.co.uk/prices/", "Prices", """
<p><strong>Scalp Mesotherapy</strong><br>Single session: £160<br>Course of 6: £840</p>
<p><strong>PRP for Hair Loss</strong><br>Single session: £340<br>Course of 3: £900</p>""",
         [(HM, "Scalp Mesotherapy", 160.0, "session", None), (HM, "Scalp Mesotherapy", 840.0, "course", 6),
          (PH, "PRP for Hair Loss", 340.0, "session", None), (PH, "PRP for Hair Loss", 900.0, "course", 3)]),
    case("br-block", "static", "de", "EUR", "https://www.haarpraxis-frankfurt.de/preise", "Preise", """
<p>PRP Haarbehandlung<br>1 Sitzung: 290 €<br>4 Sitzungen: 990 €</p><p>Beratungsgespräch<br>kostenlos</p>""",
         [(PH, "PRP Haarbehandlung", 290.0, "session", None), (PH, "PRP Haarbehandlung", 990.0, "course", 4),
          (CO, "Beratungsgespräch", None, "consultation", None)], charset="windows-1252"),
    # ---- prose ---------------------------------------------------------------------------------
    case("prose", "squarespace", "en", "GBP", "https://www.edinburghhairclinic.co.uk/hair-mesotherapy", "Hair Mesotherapy", """
<p>Hair mesotherapy delivers vitamins, amino acids and growth factors into the scalp through tiny injections.</p>
<p>Our hair mesotherapy costs £180 per session, or £900 for a course of six, and most patients see less shedding after the third visit.</p>""",
         [(HM, "hair mesotherapy", 180.0, "session", None), (HM, "hair mesotherapy", 900.0, "course", 6)]),
    case("prose", "static", "de", "EUR", "https://www.dr-lang-aesthetik.de/microneedling", "Microneedling", """
<p>Beim Microneedling entstehen feinste Kanäle in der Haut, die die Kollagenbildung anregen. Eine Sitzung Microneedling kostet bei uns 190 € und dauert etwa 45 Minuten.</p>""",
         [(MN, "Microneedling", 190.0, "session", None)]),
    # ---- JSON-LD ------------------------------------------------------------------------------
    case("jsonld-offer", "static", "en", "USD", "https://www.brooklyninjectables.com/botox", "Botox", """
<p>Smooth forehead lines and crow's feet with a quick appointment at home.</p>""",
         [(BT, "Botox Treatment", 13.0, "unit", None, True)], country="US",
         head=ld('{"@context":"https://schema.org","@type":"Service","name":"Botox Treatment","offers":{"@type":"Offer",'
                 '"price":"13","priceCurrency":"USD","priceSpecification":{"@type":"UnitPriceSpecification","price":"13",'
                 '"priceCurrency":"USD","unitText":"unit","priceType":"FromPrice"}}}')),
    case("jsonld-offer", "static", "en", "GBP", "https://www.hairrevive.co.uk/prp/", "PRP", """
<p>Platelet-rich plasma treatment for thinning hair, performed by our doctors.</p>""",
         [(PH, "PRP Hair Treatment", 375.0, "session", None)],
         head=ld('{"@context":"https://schema.org","@type":"MedicalProcedure","name":"PRP Hair Treatment",'
                 '"offers":{"@type":"Offer","price":375,"priceCurrency":"GBP"}}')),
    case("jsonld-catalog", "static", "en", "GBP", "https://www.soho-aesthetics.co.uk/", "Soho Aesthetics", """
<p>Doctor-led aesthetics in central London.</p>""",
         [(DF, "Cheek Filler", 350.0, "syringe", None), (SB, "Profhilo", 320.0, "session", None),
          (CO, "Consultation", 30.0, "consultation", None)],
         head=ld('{"@context":"https://schema.org","@type":"MedicalClinic","name":"Soho Aesthetics","telephone":"020 7946 0111",'
                 '"hasOfferCatalog":{"@type":"OfferCatalog","name":"Treatments","itemListElement":['
                 '{"@type":"Offer","itemOffered":{"@type":"Service","name":"Cheek Filler"},"price":"350","priceCurrency":"GBP",'
                 '"priceSpecification":{"@type":"UnitPriceSpecification","price":"350","priceCurrency":"GBP","unitText":"syringe"}},'
                 '{"@type":"Offer","itemOffered":{"@type":"Service","name":"Profhilo","offers":{"@type":"Offer","price":"320","priceCurrency":"GBP"}}},'
                 '{"@type":"Offer","itemOffered":{"@type":"Service","name":"Consultation"},"price":"30","priceCurrency":"GBP"},'
                 '{"@type":"Offer","itemOffered":{"@type":"Service","name":"Gift cards"}}]}}')),
    case("jsonld-catalog", "static", "en", "INR", "https://www.delhiskinandhair.in/", "Delhi Skin & Hair", """
<p>Hair and skin clinic in South Delhi.</p>""",
         [(PH, "PRP Hair Therapy", 6000.0, "session", None), (HM, "Hair Mesotherapy", 3500.0, "session", None)],
         head=ld('[{"@context":"https://schema.org","@type":"HealthAndBeautyBusiness","name":"Delhi Skin & Hair",'
                 '"priceRange":"INR 3500 - INR 12000","address":{"@type":"PostalAddress","addressCountry":"IN"}},'
                 '{"@context":"https://schema.org","@type":"OfferCatalog","itemListElement":[{"@type":"Offer","itemOffered":'
                 '{"@type":"Service","name":"PRP Hair Therapy","offers":{"@type":"Offer","price":"6000","priceCurrency":"INR"}}},'
                 '{"@type":"Offer","itemOffered":{"@type":"Service","name":"Hair Mesotherapy","offers":{"@type":"Offer",'
                 '"price":"3500","priceCurrency":"INR"}}}]}]')),
    case("jsonld-graph", "static", "en", "AED", "https://www.marinaclinic.ae/services/hair-prp/", "Hair PRP Dubai", """
<p>PRP for hair thinning in Dubai Marina.</p>""",
         [(PH, "Hair PRP", 1200.0, "session", None)],
         head=ld('{"@context":"https://schema.org","@graph":[{"@type":"MedicalWebPage","name":"Hair PRP Dubai"},'
                 '{"@type":"MedicalProcedure","name":"Hair PRP","offers":{"@type":"Offer","price":"1200","priceCurrency":"AED"}}]}')),
    case("aggregate-offer", "static", "en", "GBP", "https://www.leedsfillerclinic.co.uk/lip-filler/", "Lip Filler", """
<p>Natural-looking lip enhancement with hyaluronic acid.</p>""",
         [(DF, "Lip Filler", 200.0, "session", None)],
         head=ld('{"@context":"https://schema.org","@type":"Product","name":"Lip Filler","offers":{"@type":"AggregateOffer",'
                 '"lowPrice":"200","highPrice":"320","priceCurrency":"GBP","offerCount":"3"}}')),
    case("structured-and-visible", "wp", "en", "GBP", "https://www.brightonskin.co.uk/prices/", "Prices", """
<ul><li>Microneedling – £210 per session</li><li>Microneedling – course of 3: £570</li></ul>""",
         [(MN, "Microneedling", 210.0, "session", None), (MN, "Microneedling", 570.0, "course", 3)],
         head=ld('{"@context":"https://schema.org","@type":"Service","name":"Microneedling","offers":['
                 '{"@type":"Offer","price":"210","priceCurrency":"GBP"},{"@type":"Offer","price":"570","priceCurrency":"GBP"}]}')),
    # ---- microdata -----------------------------------------------------------------------------
    case("microdata", "joomla", "en", "GBP", "https://www.bathaesthetics.co.uk/prices.html", "Prices", """
<div itemscope itemtype="https://schema.org/Offer"><span itemprop="name">Skin Booster</span> –
<span itemprop="description">£220 per syringe</span><meta itemprop="price" content="220.00"><meta itemprop="priceCurrency" content="GBP"></div>
<div itemscope itemtype="https://schema.org/Offer"><span itemprop="name">Chemical Peel</span> –
<span itemprop="description">£95</span><meta itemprop="price" content="95.00"><meta itemprop="priceCurrency" content="GBP"></div>""",
         [(SB, "Skin Booster", 220.0, "syringe", None), (OT, "Chemical Peel", 95.0, "session", None)]),
    case("microdata", "joomla", "de", "EUR", "https://www.schoenheitspraxis-wien.at/preise.html", "Preise", """
<div itemscope itemtype="https://schema.org/MedicalClinic"><h2 itemprop="name">Schönheitspraxis Wien</h2>
<div itemprop="makesOffer" itemscope itemtype="https://schema.org/Offer"><span itemprop="name">Microneedling</span>
<span>ab 180 €</span><meta itemprop="price" content="180"><meta itemprop="priceCurrency" content="EUR"></div>
<div itemprop="makesOffer" itemscope itemtype="https://schema.org/Offer"><span itemprop="name">Hyaluronsäure-Filler</span>
<span>1 ml: 320 €</span><meta itemprop="price" content="320"><meta itemprop="priceCurrency" content="EUR"></div></div>""",
         [(MN, "Microneedling", 180.0, "session", None, True), (DF, "Hyaluronsäure-Filler", 320.0, "ml", None)]),
    # ---- was / now -----------------------------------------------------------------------------
    case("was-now", "wp", "en", "GBP", "https://www.radiance-clinic.co.uk/offers/prices/", "Prices", """
<ul><li>PRP Skin Rejuvenation <del>£350</del> £299</li><li>Hair Mesotherapy: Was £200, now £165</li></ul>""",
         [(PF, "PRP Skin Rejuvenation", 299.0, "session", None), (HM, "Hair Mesotherapy", 165.0, "session", None)]),
    case("was-now", "static", "de", "EUR", "https://www.aesthetik-stuttgart.de/preise", "Preise", """
<table><tr><th>Behandlung</th><th>Preis</th></tr><tr><td>Skinbooster</td><td><s>320 €</s> 280 €</td></tr>
<tr><td>Haar-Mesotherapie</td><td>statt 180 € jetzt 150 €</td></tr></table>""",
         [(SB, "Skinbooster", 280.0, "session", None), (HM, "Haar-Mesotherapie", 150.0, "session", None)]),
    case("was-now", "static", "pl", "PLN", "https://www.medestetic-krakow.pl/promocje-cennik", "Cennik", """
<p>Mezoterapia igłowa twarzy: Było 500 zł, teraz 420 zł</p><p>Mikronakłuwanie: zamiast 600 zł teraz 490 zł</p>""",
         [(FM, "Mezoterapia igłowa twarzy", 420.0, "session", None), (MN, "Mikronakłuwanie", 490.0, "session", None)]),
    # ---- ranges --------------------------------------------------------------------------------
    case("range", "wp", "en", "GBP", "https://www.manchesterinjectables.co.uk/price-guide/", "Price guide", """
<ul><li>Dermal Filler: £200 – £350</li><li>Anti-wrinkle Injections: £120-£250</li></ul>""",
         [(DF, "Dermal Filler", 200.0, "session", None), (BT, "Anti-wrinkle Injections", 120.0, "session", None)]),
    case("range", "static", "es", "EUR", "https://www.esteticabarcelona.es/precios", "Precios", """
<table><tr><th>Tratamiento</th><th>Precio</th></tr><tr><td>Ácido hialurónico (relleno)</td><td>250 - 400 €</td></tr>
<tr><td>Mesoterapia facial</td><td>90–130 €</td></tr></table>""",
         [(DF, "Ácido hialurónico (relleno)", 250.0, "session", None), (FM, "Mesoterapia facial", 90.0, "session", None)]),
    # ---- from prices ---------------------------------------------------------------------------
    case("from-price", "squarespace", "en", "USD", "https://www.austinhairlab.com/pricing", "Pricing", """
<div class="sqs-block"><h3>PRP Hair Restoration</h3><p>Starting at $650</p></div>
<div class="sqs-block"><h3>Microneedling</h3><p>From $300</p></div>""",
         [(PH, "PRP Hair Restoration", 650.0, "session", None, True), (MN, "Microneedling", 300.0, "session", None, True)],
         country="US"),
    case("from-price", "static", "fr", "EUR", "https://www.institut-medical-nice.fr/tarifs", "Tarifs", """
<ul><li>Mésothérapie cheveux à partir de 120 €</li><li>Profhilo à partir de 350 €</li></ul>""",
         [(HM, "Mésothérapie cheveux", 120.0, "session", None, True), (SB, "Profhilo", 350.0, "session", None, True)]),
    case("from-price", "static", "it", "EUR", "https://www.ambulatorio-roma.it/prezzi", "Prezzi", """
<p>Microneedling viso a partire da 150 €</p><p>Filler labbra da 300 €</p>""",
         [(MN, "Microneedling viso", 150.0, "session", None, True), (DF, "Filler labbra", 300.0, "session", None, True)]),
    # ---- POA / free ----------------------------------------------------------------------------
    case("poa-free", "wp", "en", "GBP", "https://www.cotswoldclinic.co.uk/prices/", "Prices", """
<table><tr><th>Treatment</th><th>Price</th></tr><tr><td>Consultation</td><td>Complimentary</td></tr>
<tr><td>PRP Skin Rejuvenation</td><td>POA</td></tr><tr><td>Microneedling</td><td>£200</td></tr></table>""",
         [(CO, "Consultation", None, "consultation", None), (PF, "PRP Skin Rejuvenation", None, "session", None),
          (MN, "Microneedling", 200.0, "session", None)]),
    case("poa-free", "static", "pl", "PLN", "https://www.gabinet-zdrowa-skora.pl/cennik", "Cennik", """
<ul><li>Konsultacja lekarska – bezpłatna</li><li>Osocze bogatopłytkowe – twarz – 700 zł</li>
<li>Nici liftingujące – cena ustalana indywidualnie</li></ul>""",
         [(CO, "Konsultacja lekarska", None, "consultation", None), (PF, "Osocze bogatopłytkowe – twarz", 700.0, "session", None),
          (OT, "Nici liftingujące", None, "session", None)]),
    # ---- course packages -----------------------------------------------------------------------
    case("course-packages", "wp", "en", "GBP", "https://www.hairlossclinicbristol.co.uk/packages/", "Packages", """
<div class="package"><h3>Hair Mesotherapy</h3><p>Package of 8 sessions</p><p class="price">£1,120</p></div>
<div class="package"><h3>PRP for Hair Loss</h3><p>3 sessions – £850 (£283.33 per session)</p></div>""",
         [(HM, "Hair Mesotherapy", 1120.0, "course", 8), (PH, "PRP for Hair Loss", 850.0, "course", 3)]),
    case("course-packages", "static", "es", "EUR", "https://www.capilar-sevilla.es/bonos", "Bonos", """
<ul><li>Mesoterapia capilar – Bono de 6 sesiones: 540 €</li><li>PRP capilar – Bono de 3 sesiones: 690 €</li></ul>""",
         [(HM, "Mesoterapia capilar", 540.0, "course", 6), (PH, "PRP capilar", 690.0, "course", 3)]),
    case("course-packages", "static", "tr", "TRY", "https://www.sacmerkezi-ankara.com.tr/paketler", "Paketler", """
<ul><li>Saç mezoterapisi 6 seans 12.000 TL</li><li>Saç PRP 3 seans 10.500 TL</li></ul>""",
         [(HM, "Saç mezoterapisi", 12000.0, "course", 6), (PH, "Saç PRP", 10500.0, "course", 3)]),
    # ---- per unit / ml / syringe ---------------------------------------------------------------
    case("per-unit", "squarespace", "en", "USD", "https://www.miamiinjectables.com/prices", "Prices", """
<ul><li>Botox $13/unit</li><li>Xeomin $11 per unit</li><li>Jeuveau 20 units $220</li></ul>""",
         [(BT, "Botox", 13.0, "unit", None), (BT, "Xeomin", 11.0, "unit", None), (BT, "Jeuveau", 220.0, "unit", None)],
         country="US"),
    case("per-ml-syringe", "wp", "en", "AUD", "https://www.bondiskinclinic.com.au/prices/", "Prices", """
<table><tr><th>Treatment</th><th>Price</th></tr><tr><td>Lip Filler 0.5ml</td><td>$350</td></tr>
<tr><td>Lip Filler 1ml</td><td>$550</td></tr><tr><td>Skin Booster</td><td>$450 per syringe</td></tr></table>""",
         [(DF, "Lip Filler", 350.0, "ml", None), (DF, "Lip Filler", 550.0, "ml", None),
          (SB, "Skin Booster", 450.0, "syringe", None)], country="AU"),
    # ---- areas under a heading -----------------------------------------------------------------
    case("areas-heading", "wp", "en", "GBP", "https://www.oxfordaesthetics.co.uk/anti-wrinkle-prices/", "Anti-wrinkle prices", """
<h2>Anti-wrinkle Injections</h2><p>1 area £145</p><p>2 areas £195</p><p>3 areas £245</p>""",
         [(BT, "Anti-wrinkle Injections", 145.0, "area", None), (BT, "Anti-wrinkle Injections", 195.0, "area", None),
          (BT, "Anti-wrinkle Injections", 245.0, "area", None)]),
    case("areas-heading", "static", "de", "EUR", "https://www.faltenpraxis-duesseldorf.de/preise", "Preise", """
<h2>Botulinum</h2><ul><li>1 Zone: 220 €</li><li>2 Zonen: 320 €</li><li>3 Zonen: 390 €</li></ul>""",
         [(BT, "Botulinum", 220.0, "area", None), (BT, "Botulinum", 320.0, "area", None), (BT, "Botulinum", 390.0, "area", None)]),
    # ---- hair vs face from context ------------------------------------------------------------
    case("hair-face-context", "wp", "en", "GBP", "https://www.trichoclinic.co.uk/prices/", "Prices", """
<h2>Hair loss</h2><ul><li>Mesotherapy – £175</li><li>PRP – £330</li></ul>
<h2>Skin rejuvenation</h2><ul><li>Mesotherapy – £140</li><li>PRP – £290</li></ul>""",
         [(HM, "Mesotherapy", 175.0, "session", None), (PH, "PRP", 330.0, "session", None),
          (FM, "Mesotherapy", 140.0, "session", None), (PF, "PRP", 290.0, "session", None)]),
    case("hair-face-context", "static", "pl", "PLN", "https://www.trycholog-poznan.pl/cennik", "Cennik", """
<h2>Trychologia – leczenie wypadania włosów</h2><table><tr><td>Mezoterapia igłowa</td><td>380 zł</td></tr>
<tr><td>Osocze bogatopłytkowe</td><td>750 zł</td></tr></table>
<h2>Twarz</h2><table><tr><td>Mezoterapia igłowa</td><td>350 zł</td></tr></table>""",
         [(HM, "Mezoterapia igłowa", 380.0, "session", None), (PH, "Osocze bogatopłytkowe", 750.0, "session", None),
          (FM, "Mezoterapia igłowa", 350.0, "session", None)], charset="iso-8859-2"),
    # ---- one-page builder site ----------------------------------------------------------------
    case("one-page", "wix", "en", "GBP", "https://www.luxeskinstudio.co.uk/", "Luxe Skin Studio", """
<section id="about"><h2>About us</h2><p>Nurse-led clinic in Leeds since 2016 offering 30 minute appointments.</p></section>
<section id="prices"><h2>Prices</h2><div class="row"><span>Lip Filler</span><span>£220</span></div>
<div class="row"><span>Profhilo</span><span>£280</span></div><div class="row"><span>LED Light Therapy</span><span>£45</span></div></section>
<section id="contact"><h2>Contact</h2><p>Call 0113 496 0000</p></section>""",
         [(DF, "Lip Filler", 220.0, "session", None), (SB, "Profhilo", 280.0, "session", None),
          (OT, "LED Light Therapy", 45.0, "session", None)]),
    # ---- non-aesthetic services ----------------------------------------------------------------
    case("other-services", "wp", "en", "GBP", "https://www.serenityspa.co.uk/prices/", "Spa prices", """
<h2>Beauty</h2><ul><li>Laser Hair Removal (Full Legs) £180</li><li>HydraFacial £140</li><li>Gel Manicure £32</li>
<li>Swedish Massage 60 min £70</li></ul>""",
         [(OT, "Laser Hair Removal (Full Legs)", 180.0, "session", None), (OT, "HydraFacial", 140.0, "session", None),
          (OT, "Gel Manicure", 32.0, "session", None), (OT, "Swedish Massage 60 min", 70.0, "session", None)]),
    # ---- pages with no prices (chrome and blog only) -------------------------------------------
    case("no-prices", "wp", "en", "GBP", "https://www.harleyglow.co.uk/about/", "About us", """
<p>Founded in 2012, our clinic has helped more than 4,000 patients. Call 020 7946 0321 to book.</p>""", []),
    case("blog-post", "wp", "en", "GBP", "https://www.harleyglow.co.uk/blog/how-much-does-botox-cost/", "How much does Botox cost?", """
<p>Across the UK, Botox usually costs between £150 and £350 for one area, and lip filler from £200.</p>
<table><tr><td>London</td><td>£250</td></tr><tr><td>Manchester</td><td>£180</td></tr></table>""", []),
    case("consultation-fee", "static", "en", "USD", "https://www.bostonhairdoctors.com/consultation", "Consultation", """
<div class="fee-box"><h3>Hair Loss Consultation</h3><p>$150 (credited toward your first treatment)</p></div>""",
         [(CO, "Hair Loss Consultation", 150.0, "consultation", None)], country="US"),
    case("deposit-vat", "wp", "en", "GBP", "https://www.cheshireclinic.co.uk/prices/", "Prices", """
<ul><li>Dermal Filler 1ml – £260 (£50 deposit to book)</li><li>Skin Booster – £240 + VAT</li></ul>""",
         [(DF, "Dermal Filler", 260.0, "ml", None), (SB, "Skin Booster", 240.0, "session", None)]),
    case("multi-currency", "static", "en", "AED", "https://www.jumeirahhair.ae/prices/", "Prices", """
<table><tr><th>Treatment</th><th>Price</th></tr><tr><td>PRP for Hair Loss</td><td>AED 1,100</td></tr>
<tr><td>Hair Mesotherapy</td><td>Dhs 750</td></tr><tr><td>Botox 1 area</td><td>1,200 AED</td></tr></table>""",
         [(PH, "PRP for Hair Loss", 1100.0, "session", None), (HM, "Hair Mesotherapy", 750.0, "session", None),
          (BT, "Botox", 1200.0, "area", None)], country="AE"),
    case("table", "static", "en", "INR", "https://www.mumbaihairclinic.in/price-list", "Price list", """
<table><tr><th>Treatment</th><th>Cost</th></tr><tr><td>PRP Hair Therapy</td><td>₹6,500</td></tr>
<tr><td>Hair Mesotherapy</td><td>Rs. 4,000 per session</td></tr><tr><td>Consultation</td><td>₹800</td></tr></table>""",
         [(PH, "PRP Hair Therapy", 6500.0, "session", None), (HM, "Hair Mesotherapy", 4000.0, "session", None),
          (CO, "Consultation", 800.0, "consultation", None)], country="IN"),
]
