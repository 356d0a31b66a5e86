"""Writes core/src/main/resources/dev/lockstep/i18n/messages_{es,pt}.json from the (English, Spanish, Portuguese)
triples in this folder's part*.py files, merged with the entries already in the catalogues (sorted by key)."""
import glob, json, os, runpy, sys
here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, "..", "..", "core", "src", "main", "resources", "dev", "lockstep", "i18n")
catalogs = {}
for code in ("es", "pt"):
    path = os.path.join(out_dir, "messages_%s.json" % code)
    catalogs[code] = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
for part in sorted(glob.glob(os.path.join(here, "part*.py"))):
    for en, es, pt in runpy.run_path(part)["T"]:
        catalogs["es"][en] = es
        catalogs["pt"][en] = pt
for code, entries in catalogs.items():
    with open(os.path.join(out_dir, "messages_%s.json" % code), "w", encoding="utf-8") as f:
        json.dump(dict(sorted(entries.items())), f, ensure_ascii=False, indent=2)
        f.write("\n")
