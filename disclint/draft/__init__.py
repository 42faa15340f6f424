"""Drafting disclosure sections from a company profile (``disclint init`` / ``disclint draft``).

Facts come only from the profile (:mod:`.profile`). A measure is stated only when the profile
declares it (yes / no / unknown, ``MEASURES``); an unknown one is asked as ``【要確認: …】``
(lint rule ``truthfulness.unconfirmed-placeholder``) and a missing detail is the placeholder
``【要記入: …】`` (rule ``truthfulness.placeholder``).
"""

from .doctypes import DOC_TYPES, DocType
from .profile import Profile, ProfileError, empty_profile, init_text, load_profile, validate
from .render import INSERT_HEADING, Draft, DraftError, render_draft

__all__ = [
    "DOC_TYPES",
    "DocType",
    "Draft",
    "DraftError",
    "INSERT_HEADING",
    "Profile",
    "ProfileError",
    "empty_profile",
    "init_text",
    "load_profile",
    "render_draft",
    "validate",
]
