"""Home page blocks contributed by the initiatives' apps through small public
functions (portal depends on them, never the reverse)."""


def home_sections(request) -> dict:
    from salons.api import home_upcoming  # initiative 2

    return {"salons": home_upcoming(request)}
