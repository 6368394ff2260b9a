#!/usr/bin/env python3
"""What the yardstick needs to know of one Compose file, as JSON on stdout.

    facts.py COMPOSE_FILE

Reads the file (and the Dockerfiles its services build) as data; nothing in them is executed. Prints:

  images      every image name to stand in: `image:` of services that do not build, every FROM base of
              every Dockerfile a service builds (multi-stage, --platform flags, ARG defaults), and images
              named by `COPY --from=<image>`
  buildkit    Dockerfile lines that only BuildKit accepts (heredoc RUN, RUN --mount, COPY --link, ...):
              the engine's classic builder rejects the whole Dockerfile, whatever the target
  artefacts   `COPY --from=<stage>` of paths that a RUN of that stage would have produced, in the stages
              the build runs (the stand-in's tools produce only their own `-o` outputs)
  services    per service: container_name, networks (as written; null when none are listed),
              network_mode, secrets (target, and the host file of a file secret), runtime, whether it builds
"""
import json
import os
import re
import sys

import yaml

BASE_STAGE = re.compile(r"^(?P<image>\S+)(?:\s+as\s+(?P<name>\S+))?\s*$", re.IGNORECASE)
VAR = re.compile(r"\$(?:\{(?P<a>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?P<d>[^}]*))?\}|(?P<b>[A-Za-z_][A-Za-z0-9_]*))")


def logical_lines(text):
    """Dockerfile instructions with their first line number: comments dropped, continuations joined."""
    out, buf, start = [], "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not buf and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if buf and line.lstrip().startswith("#"):
            continue
        if not buf:
            start = number
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        out.append((start, buf + line))
        buf = ""
    if buf:
        out.append((start, buf))
    return out


def expand(text, args):
    def repl(m):
        name = m.group("a") or m.group("b")
        value = args.get(name)
        if value is None and m.group("d") is not None:
            return m.group("d")
        return value or ""
    return VAR.sub(repl, text)


def dockerfile_facts(path, target, build_args, base):
    with open(path, encoding="utf-8") as f:
        lines = logical_lines(f.read())
    rel = os.path.relpath(path, base)
    images, buildkit, copies = [], [], []
    stages = []          # names (lower case) of stages seen so far
    global_args = dict(build_args)
    current = None       # index of the current stage
    built_upto = None    # index of the target stage
    stage_copies = []    # per stage: (line, from, paths)
    for number, line in lines:
        parts = line.strip().split(None, 1)
        instr = parts[0].upper()
        rest = parts[1] if len(parts) > 1 else ""
        if instr == "ARG" and current is None:
            for decl in rest.split():
                k, _, v = decl.partition("=")
                global_args.setdefault(k, v if "=" in decl else None)
        elif instr == "FROM":
            words = [w for w in rest.split() if not w.startswith("--")]
            m = BASE_STAGE.match(" ".join(words))
            image = expand(m.group("image"), {k: v for k, v in global_args.items() if v is not None}) if m else ""
            name = (m.group("name") or "").lower() if m else ""
            if image and image.lower() not in stages and image != "scratch":
                images.append(image)
            stages.append(name or f"#{len(stages)}")
            current = len(stages) - 1
            stage_copies.append([])
            if target and name == target.lower():
                built_upto = current
        elif instr == "RUN":
            flags = re.findall(r"--(mount|network|security)=", rest)
            if re.match(r"^(--\S+\s+)*\[?\s*<<-?['\"]?[A-Za-z_]", rest) or re.search(r"<<-?['\"]?EO[FT]\b", rest):
                buildkit.append(f"{rel}:{number}: heredoc RUN")
            elif flags:
                buildkit.append(f"{rel}:{number}: RUN --{flags[0]}")
        elif instr in ("COPY", "ADD"):
            if re.search(r"(^|\s)--link\b", rest):
                buildkit.append(f"{rel}:{number}: {instr} --link")
            if re.search(r"(^|\s)<<", rest):
                buildkit.append(f"{rel}:{number}: heredoc {instr}")
            m = re.search(r"--from=(\S+)", rest)
            if m and current is not None:
                source = m.group(1)
                if source.lower() in stages or source.isdigit():
                    words = [w for w in rest.split() if not w.startswith("--")]
                    stage_copies[current].append((number, source, words[:-1]))
                elif source not in images:
                    images.append(source)
    last = built_upto if built_upto is not None else len(stages) - 1
    for index in range(0, last + 1):
        for number, source, paths in stage_copies[index]:
            copies.append(f"{rel}:{number}: COPY --from={source} {' '.join(paths)}")
    return images, buildkit, copies


def main():
    compose_path = sys.argv[1]
    base = os.path.dirname(os.path.abspath(compose_path))
    with open(compose_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    facts = {"images": [], "buildkit": [], "artefacts": [], "services": {}, "networks": [], "volumes": []}
    for name, svc in (doc.get("services") or {}).items():
        svc = svc or {}
        build = svc.get("build")
        if build is not None:
            if isinstance(build, str):
                build = {"context": build}
            context = os.path.normpath(os.path.join(base, str(build.get("context", "."))))
            dockerfile = os.path.join(context, str(build.get("dockerfile", "Dockerfile")))
            args = build.get("args") or {}
            if isinstance(args, list):
                args = dict(a.split("=", 1) if "=" in a else (a, None) for a in args)
            args = {k: (None if v is None else str(v)) for k, v in args.items()}
            if os.path.isfile(dockerfile):
                images, buildkit, copies = dockerfile_facts(dockerfile, build.get("target"), args, base)
                for image in images:
                    if image not in facts["images"]:
                        facts["images"].append(image)
                facts["buildkit"] += [b for b in buildkit if b not in facts["buildkit"]]
                facts["artefacts"] += [c for c in copies if c not in facts["artefacts"]]
        elif svc.get("image") and svc["image"] not in facts["images"]:
            facts["images"].append(str(svc["image"]))
        networks = svc.get("networks")
        if isinstance(networks, dict):
            networks = list(networks.keys())
        secrets = []
        for s in svc.get("secrets") or []:
            source = s if isinstance(s, str) else str(s.get("source"))
            target = s if isinstance(s, str) else str(s.get("target") or source)
            top = (doc.get("secrets") or {}).get(source) or {}
            path = os.path.join(base, str(top["file"])) if top.get("file") else None
            secrets.append({"target": target, "file": path})
        facts["services"][name] = {
            "container_name": svc.get("container_name"),
            "networks": networks,
            "network_mode": svc.get("network_mode"),
            "secrets": secrets,
            "runtime": svc.get("runtime"),
            "build": build is not None,
        }
    facts["networks"] = list((doc.get("networks") or {}).keys())
    facts["volumes"] = list((doc.get("volumes") or {}).keys())
    json.dump(facts, sys.stdout)
    print()


if __name__ == "__main__":
    main()
