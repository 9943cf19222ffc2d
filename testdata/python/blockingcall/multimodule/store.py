"""Synchronous data access: nothing but plain functions."""
import pathlib

import textutil


class FileStore:
    def __init__(self, path):
        self.path = pathlib.Path(path)

    def load(self):
        return self._raw()

    def _raw(self):
        return self.path.read_text()


def clean(text):
    return textutil.slow_normalize(text)


def quick(text):
    return text.upper()
