"""Home page blocks contributed by the initiatives' apps through small public
functions (portal depends on them, never the reverse)."""


def home_sections(request) -> dict:
    sections = {}
    try:
        from salons.api import home_upcoming  # initiative 2
    except ImportError:
        home_upcoming = None
    if home_upcoming is not None:
        sections["salons"] = home_upcoming(request)
    return sections
