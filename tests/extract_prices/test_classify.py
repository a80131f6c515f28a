"""Table-driven tests for extract.treatments.classify: names and synonyms in seven
languages, hair vs face from the name or its context, furniture -> None."""

from __future__ import annotations

import pytest

from extract.treatments import classify

HM, FM, PH, PF = "hair_mesotherapy", "face_mesotherapy", "prp_hair", "prp_face"
MN, BT, DF, SB, CO, OT = "microneedling", "botulinum_toxin", "dermal_filler", "skin_booster", "consultation", "other"


def row(name, expected, context="", xfail=None):
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(name, context, expected, id=f"{name}|{context}"[:70], marks=marks)


CASES = [
    # mesotherapy, hair vs face
    row("Hair Mesotherapy", HM), row("Mesotherapy for Hair Loss", HM), row("Scalp Mesotherapy", HM),
    row("Facial Mesotherapy", FM), row("Skin Mesotherapy", FM), row("Mesotherapy", FM),
    row("Mesotherapy", HM, "Hair loss treatments"), row("Mesotherapy", HM, "Alopecia"),
    row("Mesotherapy", FM, "Skin rejuvenation"), row("Mesotherapy", HM, "Thinning hair | Our prices"),
    row("Mesotherapie für Haare", HM), row("Haar-Mesotherapie", HM), row("Mesotherapie Gesicht", FM),
    row("Mesotherapie", HM, "Haarausfall"), row("Mesotherapie", HM, "Behandlungen der Kopfhaut"),
    row("Mesoterapia capilar", HM), row("Mesoterapia facial", FM), row("Mesoterapia", HM, "Cuero cabelludo"),
    row("Mezoterapia skóry głowy", HM), row("Mezoterapia igłowa skóry głowy", HM),
    row("Mezoterapia igłowa twarzy", FM), row("Mezoterapia", HM, "Zabiegi na włosy"),
    row("Mésothérapie", HM, "Chute de cheveux"), row("Mésothérapie visage", FM),
    row("Mesoterapia", HM, "Caduta dei capelli"), row("Mesoterapia viso", FM),
    row("Saç mezoterapisi", HM), row("Mezoterapi", HM, "Saç dökülmesi"), row("Yüz mezoterapisi", FM),
    row("Dutasteride mesotherapy", HM), row("Meso", HM, "Hair"),
    # PRP
    row("PRP", PF), row("PRP", PH, "Hair loss"), row("PRP Hair Restoration", PH), row("PRP for Hair Loss", PH),
    row("Platelet-Rich Plasma (Hair)", PH), row("Platelet rich plasma", PF), row("Vampire Facial (PRP)", PF),
    row("Vampire Facial", PF), row("Vampire facelift", PF), row("PRP Skin Rejuvenation", PF),
    row("Microneedling with PRP", PF), row("PRP scalp treatment", PH), row("PRF", PH, "Alopecia"),
    row("PRP-Eigenbluttherapie gegen Haarausfall", PH), row("PRP Haarbehandlung", PH),
    row("Vampir-Lifting (PRP Gesicht)", PF), row("Eigenbluttherapie", PH, "Haare"),
    row("PRP capilar (plasma rico en plaquetas)", PH), row("Plasma rico en plaquetas capilar", PH),
    row("Plasma rico en plaquetas facial", PF), row("Osocze bogatopłytkowe (PRP) – skóra głowy", PH),
    row("Osocze na włosy", PH), row("Osocze bogatopłytkowe – twarz", PF),
    row("Plasma riche en plaquettes", PH, "Cheveux"), row("Plasma ricco di piastrine", PH, "capelli"),
    row("Saç PRP", PH), row("PRP tedavisi", PH, "Saç"), row("Yüz PRP", PF),
    # microneedling
    row("Microneedling", MN), row("Micro-needling", MN), row("Dermapen Microneedling", MN),
    row("Dermapen 4", MN), row("Collagen Induction Therapy", MN), row("SkinPen", MN), row("Morpheus8", MN),
    row("Microneedling Gesicht", MN), row("Dermapen facial", MN), row("Mikronakłuwanie", MN),
    row("Dermapen", MN), row("Mezoterapia mikroigłowa", MN), row("Micro-aiguillage", MN),
    row("Microneedling viso", MN),
    # toxin
    row("Botox", BT), row("Anti-wrinkle Injections", BT), row("Wrinkle Relaxing Injections", BT),
    row("Anti wrinkle treatment", BT), row("Azzalure", BT), row("Bocouture", BT), row("Dysport", BT),
    row("Xeomin", BT), row("Jeuveau", BT), row("Daxxify", BT), row("Baby Botox", BT), row("Lip flip", BT),
    row("Masseter reduction", BT), row("Hyperhidrosis (excessive sweating)", BT),
    row("Faltenbehandlung mit Botulinum", BT), row("Botox-Behandlung", BT), row("Toxina botulínica", BT),
    row("Bótox", BT), row("Toksyna botulinowa", BT), row("Botoks", BT), row("Toxine botulique", BT),
    row("Tossina botulinica", BT), row("Botulinum toksini", BT), row("Forehead lines", BT, "Botox"),
    row("1 area", BT, "Anti-wrinkle injections"), row("Full face", BT, "Botox prices"),
    # filler
    row("Dermal Filler", DF), row("Lip Filler", DF), row("Cheek Filler", DF), row("Lip filler 1ml", DF),
    row("Juvederm Volbella", DF), row("Restylane Kysse", DF), row("Tear trough filler", DF),
    row("Non-surgical rhinoplasty", DF), row("Hyaluronsäure-Filler", DF), row("Lippenunterspritzung", DF),
    row("Ácido hialurónico (relleno)", DF), row("Relleno de labios", DF),
    row("Kwas hialuronowy (wypełniacz)", DF), row("Powiększanie ust", DF), row("Filler labbra", DF),
    row("Dudak dolgusu", DF), row("Acide hyaluronique", DF), row("Radiesse", DF),
    # skin booster
    row("Profhilo", SB), row("Skin Booster", SB), row("Seventy Hyal Skin Booster", SB),
    row("Seventy Hyal 2000", SB), row("Polynucleotides", SB), row("Skinbooster", SB),
    row("Stymulator tkankowy Profhilo", SB), row("Polinukleotydy", SB), row("Sunekos", SB),
    row("Profhilo Structura", SB),
    # consultation
    row("Consultation", CO), row("Initial Consultation", CO), row("Free consultation", CO),
    row("Beratungsgespräch", CO), row("Erstberatung", CO), row("Primera consulta", CO),
    row("Consulta médica", CO), row("Konsultacja", CO), row("Konsultacja lekarska", CO),
    row("Consultation médicale", CO), row("Prima visita", CO), row("Konsültasyon", CO),
    row("Botox consultation", CO), row("Hair loss consultation", CO),
    # hair transplant surgery, its techniques and languages; its consultation is a consultation
    row("Hair transplant FUE", "hair_transplant"), row("Trasplante capilar", "hair_transplant"),
    row("Saç ekimi", "hair_transplant"), row("DHI hair transplant", "hair_transplant"),
    row("Haartransplantation", "hair_transplant"), row("Przeszczep włosów FUE", "hair_transplant"),
    row("Greffe de cheveux", "hair_transplant"), row("Hair transplant consultation", CO),
    # surgical threads and fat removal (CQC-registered premises in England)
    row("Thread lift", "thread_lift"), row("PDO thread lift", "thread_lift"),
    row("Fadenlifting", "thread_lift"), row("Hilos tensores", "thread_lift"),
    row("Nici liftingujące", "thread_lift"), row("Fils tenseurs", "thread_lift"),
    row("Liposuction", "liposuction"), row("Vaser lipo (abdomen)", "liposuction"),
    row("Fettabsaugung", "liposuction"), row("Liposucción", "liposuction"),
    row("Liposukcja", "liposuction"),
    row("Patch test", CO), row("Hair analysis", CO),
    # other (non-aesthetic or not in the vocabulary)
    row("Laser Hair Removal (Full Legs)", OT), row("Laser hair removal", OT), row("HydraFacial", OT),
    row("Chemical Peel", OT), row("Gel Manicure", OT), row("LED Light Therapy", OT),
    row("Laser-Haarentfernung", OT), row("Kosmetische Gesichtsbehandlung", OT), row("Maniküre", OT),
    row("Depilación láser", OT), row("Higiene facial", OT), row("Manicura semipermanente", OT),
    row("Depilacja laserowa", OT), row("Manicure hybrydowy", OT), row("Somatic Body Massage", OT),
    row("Massage", OT), row("Waxing", OT), row("HIFU", OT), row("Fat dissolving injections", OT),
    row("Laser lipo", OT), row("Cryolipolysis", OT),
    row("Lazer epilasyon", OT), row("Oczyszczanie wodorowe", OT),
    # furniture
    row("Home", None), row("Contact us", None), row("Book now", None), row("Prices", None),
    row("Our Treatments", None), row("Gift voucher", None), row("Preise", None), row("Cennik", None),
    row("Precios", None), row("Fiyatlar", None), row("Accueil", None), row("Prezzi", None),
    row("Privacy policy", None), row("", None), row("£150", None), row("Total", None),
    row("This is a long sentence that tells the reader about our clinic and its many friendly staff members", None),
    # known gaps
    row("Faltenunterspritzung", BT, xfail="German 'wrinkle filling' is read as filler; clinics use it for both"),
    row("Exosome hair therapy", HM, xfail="exosomes for hair are not in the vocabulary (other)"),
]


@pytest.mark.parametrize(("name", "context", "expected"), CASES)
def test_classify(name, context, expected):
    assert classify(name, context) == expected


def test_table_is_large_enough():
    assert len(CASES) >= 150
