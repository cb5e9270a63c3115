"""A built wheel works as well as the editable install: packages, data files, entry points."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_built_wheel_installs_and_computes(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("diandian-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "diandian/py.typed" in names and "diandian/lodging/hotel_stay_desnz_2024.csv" in names
    assert not any(name.startswith(("core/", "plugins/")) for name in names)  # prefixes stripped
    # diandian new-plugin's templates, and the kit's pytest11 entry point
    assert "diandian/scaffold/template/__package__/factors.csv.jinja" in names
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    assert (
        "[pytest11]\ndiandian = diandian.testing.pytest_plugin"
        in zipfile.ZipFile(wheel).read(entry_points).decode()
    )
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    code = (
        "import json, diandian, diandian_hotel\n"
        "host = diandian.PluginHost(environ={}).load()\n"
        "footprint = diandian.Engine(host).footprint('hotel', {'nights': 2, 'country': 'CN'})\n"
        "print(json.dumps([diandian.__file__, diandian_hotel.__file__, sorted(host.scene_types), footprint.grams]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    module, plugin, scene_types, grams = json.loads(result.stdout)
    assert module.startswith(str(target)) and plugin.startswith(str(target))
    assert {"hotel", "conference", "restaurant", "retail", "scenic_spot", "daily_life"} <= set(scene_types)
    assert grams == 107_000
