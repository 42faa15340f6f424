"""Text-level facts about Japanese writing that several stages share (eras and dates)."""
