"""Surveys and return visits (问卷与回访): questionnaires, invitations per case,
phone return visits, imported results, sampling and screening, the SERVQUAL
instrument."""
