from django.utils.text import slugify


def unicode_slug(name: str) -> str:
    """The URL name of a body or centre: its Japanese name, made URL-safe."""
    return slugify(name, allow_unicode=True)
