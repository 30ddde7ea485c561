#!/usr/bin/env python3
"""The packaging steps of tests/android/apk.sh that no registry tool does on its own.

  apk_zip.py pack OUT RESOURCES_AP DEX_ZIP [--java-res DIR] [--jni DIR]
      OUT = what aapt2 linked (manifest, resources.arsc, res/) + every classes*.dex and the
      Java resources of DEX_ZIP + the Java resources in DIR (not overriding DEX_ZIP's) + the
      native libraries DIR/<abi>/*.so as lib/<abi>/*.so. As AGP lays it out: resources.arsc
      and native libraries stored (the app declares extractNativeLibs="false": they are
      mapped from the APK, not copied out of it), everything else deflated.
  apk_zip.py check-aligned APK
      fails unless every stored entry starts on 4 bytes and every native library on a 16 KB
      page (what zipalign -P 16 guarantees; apksig aligns while signing).
"""

import os
import sys
import zipfile


def add(out, name, data, stored):
    info = zipfile.ZipInfo(name, date_time=(1981, 1, 1, 1, 1, 2))
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    out.writestr(info, data)


def pack(out_path, resources, dex_zip, java_res=None, jni=None):
    names = set()
    with zipfile.ZipFile(out_path, "w") as out:
        with zipfile.ZipFile(resources) as res:
            for info in res.infolist():
                add(out, info.filename, res.read(info), info.compress_type == zipfile.ZIP_STORED)
                names.add(info.filename)
        with zipfile.ZipFile(dex_zip) as dex:
            for info in dex.infolist():
                if info.is_dir() or info.filename in names:
                    continue
                add(out, info.filename, dex.read(info), False)
                names.add(info.filename)
        if java_res:
            for root, _, files in sorted(os.walk(java_res)):
                for f in sorted(files):
                    name = os.path.relpath(os.path.join(root, f), java_res)
                    if name not in names:
                        with open(os.path.join(root, f), "rb") as fh:
                            add(out, name, fh.read(), False)
                        names.add(name)
        if jni:
            for abi in sorted(os.listdir(jni)):
                for lib in sorted(os.listdir(os.path.join(jni, abi))):
                    with open(os.path.join(jni, abi, lib), "rb") as fh:
                        add(out, f"lib/{abi}/{lib}", fh.read(), True)


def check_aligned(path):
    bad = []
    with zipfile.ZipFile(path) as z, open(path, "rb") as raw:
        for info in z.infolist():
            if info.compress_type != zipfile.ZIP_STORED:
                continue
            raw.seek(info.header_offset + 26)
            name_len = int.from_bytes(raw.read(2), "little")
            extra_len = int.from_bytes(raw.read(2), "little")
            offset = info.header_offset + 30 + name_len + extra_len
            align = 16384 if info.filename.endswith(".so") else 4
            if offset % align:
                bad.append(f"{info.filename} at {offset} (needs {align})")
    if bad:
        sys.exit(f"{os.path.basename(path)}: not aligned: " + ", ".join(bad))
    print(f"{os.path.basename(path)}: stored entries aligned (4 bytes; native libraries 16 KB)")


def main(argv):
    if argv[1] == "pack":
        opts = dict(zip(argv[5::2], argv[6::2]))
        pack(argv[2], argv[3], argv[4], opts.get("--java-res"), opts.get("--jni"))
    elif argv[1] == "check-aligned":
        check_aligned(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
