#!/bin/sh
# Run once while the stand-in base image is built: the directories, users and tools a real base image has.
set -eu
for d in /home /opt /srv /mnt /run /usr/local/bin /usr/local/sbin /usr/share /usr/src /var/log /var/cache /var/run /var/lib /var/www /app; do
  mkdir -p "$d"
done
# Paths of well-known bases that the samples' RUN steps touch (nginx: rm/chown of its config and cache).
# busybox's sh runs its own chown/rm/chmod applets whatever PATH says, so these cannot be shimmed.
mkdir -p /etc/nginx/conf.d /var/cache/nginx /var/log/nginx /usr/share/nginx/html
touch /etc/nginx/nginx.conf /etc/nginx/conf.d/default.conf /var/run/nginx.pid
# Users and groups the samples name (USER, user:, COPY --chown) that real images ship.
while IFS=: read -r user id home; do
  grep -q "^$user:" /etc/group || echo "$user:x:$id:" >> /etc/group
  grep -q "^$user:" /etc/passwd || echo "$user:x:$id:$id:$user:$home:/bin/sh" >> /etc/passwd
done <<USERS
www-data:33:/var/www
nginx:101:/var/cache/nginx
postgres:70:/var/lib/postgresql
mysql:999:/var/lib/mysql
redis:998:/data
node:1000:/home/node
USERS
for tool in $(cat /standin/tools); do
  case $tool in
    /*) mkdir -p "$(dirname "$tool")"; ln -sf /standin/shim "$tool" ;;
    *) ln -sf /standin/shim "/usr/local/bin/$tool" ;;
  esac
done
chmod 755 /standin/run /standin/shim
