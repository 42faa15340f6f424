"""disclint: lint, map and draft Japanese cybersecurity disclosures."""

__version__ = "0.1.0"
