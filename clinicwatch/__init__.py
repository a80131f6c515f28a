"""clinicwatch: vet aesthetic and hair-loss clinics on price and practitioner credentials."""

__version__ = "0.1.0"
