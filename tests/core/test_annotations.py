"""Every attrs class that can cross an edge (the JSON API's schema, cattrs, stored records) has
annotations that resolve at run time: Litestar and cattrs read them then, so a type imported for
type checking only turns into a 500 (a scene's ``Place`` once broke the OpenAPI document)."""

from __future__ import annotations

import importlib
import pkgutil
import typing

import attrs
import diandian

# in-process only: views a page template reads, and what plugins register with the host
IN_PROCESS = {
    "diandian.acting.Dashboard",
    "diandian.acting.CatalogueLoad",
    "diandian.acting.EventClaimView",
    "diandian.offsets.provider.ProviderContext",
    "diandian.platform.FormPart",
    "diandian.platform.LeaderboardView",
    "diandian.platform.Offer",
    "diandian.scene_types.FactorFile",
    "diandian.scene_types.DerivedTable",
    "diandian.scene_types.SceneType",
}


def attrs_classes() -> dict[str, type]:
    found = {}
    for module in pkgutil.walk_packages(diandian.__path__, "diandian."):
        if ".migrations" in module.name or ".template" in module.name or module.name.endswith("__main__"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.name:
                found[f"{module.name}.{value.__qualname__}"] = value
    return found


def test_annotations_of_classes_that_cross_edges_resolve_at_run_time() -> None:
    classes = attrs_classes()
    assert set(classes) >= IN_PROCESS  # the list names classes that exist
    unresolved = {}
    for name, cls in classes.items():
        if name in IN_PROCESS:
            continue
        try:
            typing.get_type_hints(cls)
        except NameError as exc:
            unresolved[name] = str(exc)
    assert unresolved == {}
