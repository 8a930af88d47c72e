"""Limits on what one report file may hold, applied to uploads and to `build` alike.

A 10 MB text file holds about 1,800 forms in the seed's layout; a file far beyond that is more likely a mistake (a
whole archive exported as one file) than a report, and parsing it would hold its rows and records in memory at once.
"""
MAX_BYTES = 10 * 1024 * 1024  # per report file
MAX_FORMS_PER_FILE = 2000
