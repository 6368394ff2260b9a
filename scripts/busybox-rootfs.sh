#!/usr/bin/env bash
# The one busybox root file system of Slipway's locally made images (nothing is pulled): a static busybox and all
# its applets in /bin, /tmp (1777), /root (0700), /www/index.html ("hello from slipway"), /etc/passwd and /etc/group
# with root and nobody. Used by scripts/example-image.sh (slipway-example/busybox:1), examples/atomic/images.sh, and,
# packaged in slipway-tck, by TestImages (slipway-test/busybox:1, which the tests and their agent images build on).
# Usage: busybox-rootfs.sh DIR [BUSYBOX]   (BUSYBOX: a statically linked busybox, default /bin/busybox)
set -euo pipefail

root=${1:?usage: busybox-rootfs.sh DIR [BUSYBOX]}
busybox=${2:-/bin/busybox}

mkdir -p "$root"
install -d -m 0755 "$root/bin" "$root/etc" "$root/www"
install -d -m 1777 "$root/tmp"
install -d -m 0700 "$root/root"
install -m 0755 "$busybox" "$root/bin/busybox"
# Applet names are plain file names; anything else would escape /bin.
applet_name='^[][A-Za-z0-9._-]+$'
for applet in $("$busybox" --list); do
  if [[ $applet =~ $applet_name && $applet != .* && $applet != busybox ]]; then
    ln -sfn busybox "$root/bin/$applet"
  fi
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
echo "hello from slipway" >"$root/www/index.html"
chmod 0644 "$root/etc/passwd" "$root/etc/group" "$root/www/index.html"
