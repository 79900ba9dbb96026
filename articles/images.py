"""Lead image data for snapshots (renditions are filled in by the public-site work)."""


def lead_image_data(image) -> dict:
    """What a snapshot stores about a lead image: address, size, words, renditions."""
    if image is None or not image.file:
        return {}
    return {
        "url": image.file.url,
        "width": image.width,
        "height": image.height,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "renditions": [],
    }
