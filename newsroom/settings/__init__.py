"""Settings package: base.py holds everything; dev, test and production only override."""
