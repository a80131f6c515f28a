"""Words shared by the findings (analysis/) and the consumer report (publish/)."""

from __future__ import annotations

# How a unit price reads after the amount: "£45 a session", "$12 per unit".
BASIS_PHRASES = {
    "session": "a session",
    "course": "a session in a course",
    "area": "per area",
    "unit": "per unit",
    "ml": "per ml",
    "syringe": "per syringe",
    "graft": "per graft",
}
