"""Word lists for practitioner extraction: post-nominals, professions, bodies, states.

Data only (no logic), so extract/credentials.py and extract/people.py stay short.
"""

from __future__ import annotations

from core.places import US_STATE_NAMES

# post-nominal -> canonical degree value
DEGREES = {
    "MBBS": "MBBS", "MBCHB": "MBChB", "MBBCH": "MBBCh", "BMBS": "BMBS", "BMBCH": "BMBCh", "BM": "BM",
    "MB": "MB", "BCH": "BCh", "BAO": "BAO", "BCHIR": "BChir",
    "MD": "MD", "DO": "DO", "BDS": "BDS", "BCHD": "BChD", "DDS": "DDS", "DMD": "DMD",
    "MPHARM": "MPharm", "BPHARM": "BPharm", "PHARMD": "PharmD", "BSC": "BSc", "MSC": "MSc",
    "BSN": "BSN", "MSN": "MSN", "DNP": "DNP", "PHD": "PhD", "MPAS": "MPAS", "MMSC": "MMSc",
    "MPH": "MPH", "BMEDSCI": "BMedSci", "PGDIP": "PGDip", "PGCERT": "PGCert", "BA": "BA",
    "MBA": "MBA", "MRES": "MRes", "ADN": "ADN",
}
ROYAL_COLLEGE = {
    k: k if k.isupper() else k
    for k in ("MRCS", "MRCP", "MRCGP", "FRCS", "FRCP", "FRCGP", "MRCOG", "FRCOG", "DRCOG", "DFFP", "FRCA",
              "MFDS", "FDS", "MJDF", "FAAD", "FACS", "DFSRH", "MRCPCH")
}
ROYAL_COLLEGE.update({"MRCS(ENG)": "MRCS", "MRCSED": "MRCS", "FRCS(PLAST)": "FRCS", "MFDSRCS": "MFDS"})

# post-nominals that tell the profession, most senior first
PROFESSION_POSTNOMINALS: list[tuple[str, set[str]]] = [
    ("doctor", {"MD", "DO", "MBBS", "MBCHB", "MBBCH", "BMBS", "BMBCH", "BM", "MB", "MRCS", "MRCP", "MRCGP",
                "FRCS", "FRCP", "FRCGP", "MRCOG", "FRCA", "FAAD", "FACS", "MRCPCH", "BCHIR"}),
    ("dentist", {"BDS", "BCHD", "DDS", "DMD", "MFDS", "MJDF", "FDS", "MFDSRCS"}),
    ("pharmacist", {"MPHARM", "BPHARM", "PHARMD", "RPH"}),
    ("nurse_practitioner", {"NP", "FNP", "FNP-C", "FNP-BC", "APRN", "ANP", "AGNP", "AGNP-C", "ACNP", "DNP", "NP-C",
                            "ANP-BC", "APRN-BC", "CRNP", "ARNP", "WHNP", "PMHNP"}),
    ("physician_assistant", {"PA", "PA-C", "MPAS", "MMSC"}),
    ("nurse", {"RGN", "RN", "RMN", "RSCN", "BSN", "MSN", "LPN", "LVN", "NMP", "RNMH", "CANS", "ADN", "RNA"}),
    ("hcpc_professional", {"HCPC"}),
    ("aesthetician", {"LE", "LME", "CME", "CLT", "LEI"}),
    ("medical_assistant", {"CMA", "RMA", "CCMA"}),
]
KNOWN_POSTNOMINALS = set(DEGREES) | set(ROYAL_COLLEGE) | {
    k for _, keys in PROFESSION_POSTNOMINALS for k in keys
} | {"SCM", "DSC", "MPHIL", "DPHIL", "MCH", "MMED", "DMED", "RCS", "RCSI", "RCSED", "RCP", "RCPI", "RCPSG", "ENG", "LOND", "EDIN", "HONS", "IP", "V300", "PGCE", "DIP", "DIPHE", "CERT", "FHEA", "MA", "MSC(HONS)", "BSC(HONS)"}

REGISTER_PROFESSION = {"gmc": "doctor", "nmc": "nurse", "gdc": "dentist", "gphc": "pharmacist",
                       "hcpc": "hcpc_professional"}

# (profession, regex); earlier wins on ties at the same position
PROFESSION_WORDS: list[tuple[str, str]] = [
    ("nurse_practitioner", r"\b(?:(?:family|advanced|adult[\s-]gerontology|aesthetic|certified)\s+)?nurse\s+practitioner\b|\bANP\b|\bAPRN\b|\bFNP(?:-[A-Z]+)?\b"),
    ("physician_assistant", r"\bphysician(?:'s)?\s+(?:assistant|associate)\b|\bPA-C\b"),
    ("medical_assistant", r"\bmedical\s+assistant\b|\bCCMA\b|\bmedizinische[rn]?\s+fachangestellte|\bMFA\b|\barzthelfer(?:in)?\b"
                          r"|\bauxiliar\s+de\s+enfermer[ií]a|\basystent(?:ka)?\s+medyczn"),
    ("dentist", r"\bdentist|\bdental\s+surgeon|\bcosmetic\s+dentist|\bzahn(?:arzt|ärztin|medizin|heilkunde)|\bodont[oó]log|\bdentysta|\bstomatolog|\bodontoiatra"),
    ("pharmacist", r"\bpharmacist|\bapotheker|\bfarmac[eé]utic|\bfarmaceut"),
    ("nurse", r"\bnurse\b|\bnursing\s+sister|\bRGN\b|\bregistered\s+nurse\b|\bkrankenschwester|\bkrankenpfleger|\bpflegefach|\benfermer[oa]\b|\bpiel[eę]gniar|\binfermier[ea]"),
    ("doctor", r"\bdoctor\b|\bphysician\b|\bsurgeon\b|\bdermatologist\b|\bGP\b|\bgeneral\s+practitioner|\bmedical\s+director\b|\bmedic\b|"
               r"\b(?:fach)?(?:ä|ae|a)rzt|\b(?:ä|ae)rztlich|\bdermatolog(?:e|in)\b|\bm[eé]dic[oa]\b|\bdoctora?\b|\blekarz|\bdermatolog\b|\bchirurg"),
    ("hcpc_professional", r"\bparamedic\b|\bphysiotherapist\b|\bpodiatrist\b|\boperating\s+department\s+practitioner|\bradiographer\b"),
    ("aesthetician", r"\bae?sthetician\b|\bli[cs]ensed\s+esthetician|\bbeauty\s+therapist|\baesthetic\s+(?:therapist|practitioner|specialist)"
                     r"|\bskin\s+(?:therapist|specialist)\b|\bcosmetologist|\bkosmetiker|\bkosmetolog|\besteticista|\bcosmet[oó]log|\bfacialist|\blaser\s+technician"),
]

MEMBERSHIPS: list[tuple[str, str]] = [
    ("JCCP", r"\bJCCP\b|Joint\s+Council\s+for\s+Cosmetic\s+Practitioners"),
    ("Save Face", r"\bSave\s*Face\b"),
    ("BCAM", r"\bBCAM\b|British\s+College\s+of\s+Aesthetic\s+Medicine"),
    ("BACN", r"\bBACN\b|British\s+Association\s+of\s+Cosmetic\s+Nurses"),
    ("ACE Group", r"\bACE\s+Group\b|Aesthetic\s+Complications\s+Expert"),
    ("AAAM", r"\bAAAM\b|American\s+Academy\s+of\s+Aesthetic\s+Medicine"),
    ("BAAPS", r"\bBAAPS\b|British\s+Association\s+of\s+Aesthetic\s+Plastic\s+Surgeons"),
    ("BAPRAS", r"\bBAPRAS\b"),
    ("ISHRS", r"\bISHRS\b|International\s+Society\s+of\s+Hair\s+Restoration\s+Surgery"),
    ("BAHRS", r"\bBAHRS\b|British\s+Association\s+of\s+Hair\s+Restoration"),
    ("ASDS", r"\bASDS\b|American\s+Society\s+for\s+Dermatologic\s+Surgery"),
    ("AmSpa", r"\bAmSpa\b|American\s+Med\s+Spa\s+Association"),
    ("IAPAM", r"\bIAPAM\b"),
    ("ASPS", r"\bASPS\b|American\s+Society\s+of\s+Plastic\s+Surgeons"),
    ("BAD", r"British\s+Association\s+of\s+Dermatologists"),
    ("DGÄPC", r"\bDG(?:Ä|AE)PC\b"),
    ("DGBT", r"\bDGBT\b"),
    ("SEME", r"\bSEME\b|Sociedad\s+Española\s+de\s+Medicina\s+Estética"),
    ("PTMEiAA", r"\bPTMEiAA\b|Polskie(?:go)?\s+Towarzystw[oa]\s+Medycyny\s+Estetycznej"),
]

# Full state names and codes, both mapped to the code ("Texas" -> "TX", "TX" -> "TX").
US_STATES = {name: code for code, name in US_STATE_NAMES.items()}
US_STATES.update({code: code for code in US_STATE_NAMES})

NAME_PARTICLES = {"van", "von", "de", "del", "della", "der", "den", "da", "di", "la", "le", "du", "dos", "das",
                  "bin", "al", "el", "y", "e", "zu", "ter", "ten", "st"}

# lower-case words that never appear in a person's name on these pages
NAME_STOPWORDS = set("""
our the team meet about us clinic clinics aesthetics aesthetic skin hair face facial body beauty spa medspa
med medical health care wellness centre center studio lounge rooms room institute academy group ltd limited
llc inc gmbh sl sp zoo co company treatments treatment prices  pricing menu book booking online now
contact home welcome services service botox filler fillers dermal lip lips anti wrinkle injections injectables
mesotherapy prp microneedling peel peels laser hifu consultation consultations offers offer gift vouchers
voucher blog news faq faqs privacy policy cookies cookie terms conditions opening hours find  more learn
view all call email phone address location locations directions map reviews review testimonials results
before after gallery free new special packages package courses course training your you we why how what who
where when is are and or for with from by in on at of to a an my me this that it its about
staff practitioners practitioner doctors doctor nurses nurse experts expert specialists specialist profile bio
director founder manager receptionist lead senior principal head clinical injector therapist owner
monday tuesday wednesday thursday friday saturday sunday january february march    july 
september october november december london manchester dublin berlin madrid warsaw
equipo nuestro nuestra unser unsere zespół nasz nasza über uns kontakt preise precios cennik
accredited registered certified qualified award awards winner member members insured
quick links follow social instagram facebook twitter tiktok youtube linkedin newsletter subscribe
google internet hair working life scalp micropigmentation
copyright rights reserved all site website design powered wordpress sitemap accessibility
prescriber prescribing independent practitioner qualified registered licensed esthetician aesthetician
therapist assistant associate physician surgeon dermatologist pharmacist dentist hygienist cosmetologist
prescriber injector specialist consultant coordinator receptionist
regulated cqc gmc nmc gdc hcpc jccp save ltd plc
platelet plasma manicure pedicure gel nails nail lashes lash brows brow waxing massage
threads thread lift lifting profhilo polynucleotides exosomes needling chemical tattoo removal vitamin drip
centro medico médico estetico estético estética clínica clinica klinika gabinet praxis medizin ästhetik
instituto institut salon belleza uroda zabiegi behandlungen tratamiento
injectable injections wrinkle wrinkles collagen skincare rejuvenation restoration loss thinning
dermatology surgery plastic cosmetic cosmetics aesthetic laser lasers wellness medspa clinique klinik
esthetics esthetic aesthetik ästhetik kosmetik skincare
required deposit deposits fee fees policy policies cancellation week weeks month months
chartered physiotherapist paramedic podiatrist radiographer trichologist medicine sports advanced board
fachärztin facharzt ärztin arzt zahnärztin zahnarzt kosmetikerin enfermera enfermero esteticista cirujano
cirujana médica lekarz pielęgniarka kosmetolog dermatolog chirurg
street road rd avenue ave square terrace crescent gardens boulevard blvd highway hwy suite floor tower
straße strasse allee calle avenida ulica aleja
""".split())
