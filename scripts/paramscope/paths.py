"""Where the project's sources, outputs and caches live."""
import os
from pathlib import Path

ROOT = Path(os.environ.get("PARAMSCOPE_ROOT", Path(__file__).resolve().parents[2]))
DOCS = ROOT / "docs"
PRODUCERS = ROOT / "scripts" / "producers"
PACKAGE = ROOT / "scripts" / "paramscope"
CACHE = Path(os.environ.get("PARAMSCOPE_CACHE", ROOT / ".cache" / "paramscope"))
SITE = ROOT / "site"
