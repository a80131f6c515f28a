"""Register-number validators: one home for every format rule and check digit.

Formats come from ../shared/research/anchors-mission.md section (b). A validator
answers "could this be a real number of that register?", never "is this person
registered" (that is registers/' job).
"""

from __future__ import annotations

import re

_NPI_RE = re.compile(r"^[12]\d{9}$")
_GMC_RE = re.compile(r"^\d{7}$")
_NMC_RE = re.compile(r"^\d{2}[A-Z]\d{4}[A-Z]$")
_HCPC_PREFIXES = ("HAD", "ODP", "PYL", "AS", "BS", "CH", "CS", "DT", "OR", "OT", "PA", "PH", "PO", "RA", "SL")
_HCPC_RE = re.compile(r"^(" + "|".join(_HCPC_PREFIXES) + r")\d{1,6}$")
_GPHC_RE = re.compile(r"^2\d{6}$")  # individual pharmacists; premises start with 1
_GDC_RE = re.compile(r"^\d{4,6}$")  # numeric; length not confirmed upstream, 4-6 seen in practice
_CQC_RE = re.compile(r"^1-\d{6,12}$")
_AHPRA_RE = re.compile(r"^[A-Z]{3}\d{10}$")
_STATE_LICENSE_RE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{2,14}$")
_PWZ_RE = re.compile(r"^[1-9]\d{6}$")  # Polish doctors' and dentists' licence (prawo wykonywania zawodu)
_IMC_RE = re.compile(r"^\d{4,6}$")  # Irish Medical Council registration number (format not confirmed upstream)

_SPACES = re.compile(r"[\s\-./]+")

# NMC PINs are often typed with look-alike characters (O/0, I/1, S/5) in the
# positions that must be digits. Only digit positions are repaired.
_DIGIT_FIX = str.maketrans({"O": "0", "I": "1", "L": "1", "S": "5"})


def npi_luhn_ok(npi: str) -> bool:
    """Luhn over the prefix 80840 plus the first 9 digits (CMS NPI check digit)."""
    if not _NPI_RE.match(npi):
        return False
    digits = [int(c) for c in npi[:9]]
    total = 24  # the constant contributed by the 80840 prefix
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    check = (10 - total % 10) % 10
    return check == int(npi[9])


def pwz_ok(pwz: str) -> bool:
    """PWZ check digit: the first digit is the sum of digits 2-7 weighted 1-6, modulo 11."""
    if not _PWZ_RE.match(pwz):
        return False
    digits = [int(c) for c in pwz]
    return sum(w * d for w, d in enumerate(digits[1:], 1)) % 11 == digits[0]


def normalise(kind: str, value: str) -> str:
    """Canonical form of a register number as it should be stored and compared."""
    raw = (value or "").strip().upper()
    if kind in ("gmc", "gdc", "gphc", "npi", "pwz", "imc"):
        raw = _SPACES.sub("", raw)
        for prefix in ("GMC", "GDC", "GPHC", "NPI", "PWZ", "IMC", "NR", "NO", "#", ":"):
            if raw.startswith(prefix):
                raw = raw[len(prefix):]
        return raw.lstrip(":#")
    if kind == "nmc":
        raw = _SPACES.sub("", raw)
        if len(raw) == 8:
            chars = list(raw)
            for i in (0, 1, 3, 4, 5, 6):
                chars[i] = chars[i].translate(_DIGIT_FIX)
            raw = "".join(chars)
        return raw
    if kind in ("hcpc", "ahpra"):
        return _SPACES.sub("", raw)
    if kind == "cqc":
        return re.sub(r"\s+", "", raw)
    if kind == "state_license":
        return re.sub(r"\s+", "", raw)
    return (value or "").strip()


def format_valid(kind: str, value: str) -> bool | None:
    """True/False for kinds with a format rule; None where no rule exists."""
    v = normalise(kind, value)
    if kind == "npi":
        return npi_luhn_ok(v)
    if kind == "pwz":
        return pwz_ok(v)
    rule = {
        "gmc": _GMC_RE,
        "nmc": _NMC_RE,
        "hcpc": _HCPC_RE,
        "gphc": _GPHC_RE,
        "gdc": _GDC_RE,
        "cqc": _CQC_RE,
        "ahpra": _AHPRA_RE,
        "state_license": _STATE_LICENSE_RE,
        "imc": _IMC_RE,
    }.get(kind)
    if rule is None:
        return None
    return bool(rule.match(v))


def npi_with_check_digit(first9: str) -> str:
    """Complete a 9-digit NPI stem with its check digit (used by the sample web)."""
    for d in "0123456789":
        if npi_luhn_ok(first9 + d):
            return first9 + d
    raise ValueError(first9)
