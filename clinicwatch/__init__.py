"""clinicwatch: vet aesthetic and hair-loss clinics on price and practitioner credentials.

This package is the CLI and job orchestration only; the layers it drives are described in
docs/architecture.md."""

from core import __version__  # noqa: F401 - the one version string lives in the pure core
