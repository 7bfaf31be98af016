"""Profiles of the people and organisations of an article, built once from every mention.

:func:`build_profiles` (in :mod:`.build`) gives each person, group and organisation its canonical
name, role, organisation, country and gender, read by the named rules of :mod:`.rules` from the
words around every mention (:mod:`.words`); :mod:`newsx.speakers` looks speakers up in them, and
:meth:`Profiles.describe` fills the people of the ``entities`` output. No parse is needed: the rules
read words, capitals and entity mentions, so ``newsx entities`` (which loads only the recogniser)
gives the same roles, organisations and genders as ``newsx analyze``.
"""
from __future__ import annotations

from .build import Profile, Profiles, Reference, build_profiles

__all__ = ["Profile", "Profiles", "Reference", "build_profiles"]
