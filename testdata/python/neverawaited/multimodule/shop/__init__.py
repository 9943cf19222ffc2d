from .repo import Repository
from . import notify

__all__ = ["Repository", "notify"]
