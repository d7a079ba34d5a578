#!/usr/bin/env bash
# `npm run test:setup`: on Debian or Ubuntu, installs and starts what the tests
# use besides Node (README.md, "Tests"), and does nothing when it is all there:
# - Debian packages: WordPress on PHP (mysqli, xml, mbstring), Chromium at
#   /usr/bin/chromium and its headless shell, poppler's pdftotext, redis-server (the chaos tests start
#   private ones), and PostgreSQL or MariaDB when none answers and none is installed;
# - Redis on 127.0.0.1:6379, PostgreSQL on 127.0.0.1:5432 where `postgres` signs in
#   without a password, MariaDB on 127.0.0.1:3306 where `root` signs in without a
#   password: each started, or let in, only when it does not answer so already.
# Uses sudo when not run as root. `.ci/run` runs it before `npm ci` and the tests.
set -euo pipefail

SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
# Runs a command as a system user (postgres), from root or through sudo.
as_user() {
  local user=$1
  shift
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else sudo -u "$user" -- "$@"; fi
}
say() { echo "test:setup: $*"; }
# Whether something accepts TCP connections on 127.0.0.1:<port> (bash alone: no client needed).
answers() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
redis_answers() { timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/6379; printf "PING\r\n" >&3; read -r line <&3; [[ $line == +PONG* ]]' 2>/dev/null; }
pg_signs_in() { psql -w 'postgres://postgres@127.0.0.1:5432/postgres' -Atqc 'SELECT 1' >/dev/null 2>&1; }
mariadb_signs_in() { mariadb -h 127.0.0.1 -P 3306 -u root -e 'SELECT 1' >/dev/null 2>&1; }
wait_for() {
  local what=$1
  shift
  for _ in $(seq 1 30); do "$@" && return 0; sleep 1; done
  say "$what does not answer after 30 s" >&2
  return 1
}
systemd() { [ -d /run/systemd/system ]; }

# 1. Packages.
# The Debian packages the tests use, listed once for this script and .ci/run.
mapfile -t PACKAGES < "$(dirname "$0")/apt-packages.txt"
command -v redis-server >/dev/null || PACKAGES+=(redis-server)
answers 5432 || command -v pg_ctlcluster >/dev/null || PACKAGES+=(postgresql)
answers 3306 || [ -x /usr/sbin/mariadbd ] || PACKAGES+=(mariadb-server)
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null | awk '/install ok installed/ { print $1 }' || true)
missing=()
for package in "${PACKAGES[@]}"; do
  grep -qx "$package" <<<"$installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  # A package this release does not have (Ubuntu ships Chromium as a snap, not as `chromium`) is named, not fatal.
  installable=()
  for package in "${missing[@]}"; do
    if apt-cache policy "$package" 2>/dev/null | grep -q 'Candidate: [0-9]'; then installable+=("$package"); else say "no package $package here: install it by other means" >&2; fi
  done
  [ ${#installable[@]} -eq 0 ] || "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${installable[@]}"
fi

# 2. Redis.
if ! redis_answers; then
  say 'starting Redis'
  if systemd; then
    "${SUDO[@]}" systemctl start redis-server
  else
    "${SUDO[@]}" mkdir -p /var/lib/redis /var/log/redis
    "${SUDO[@]}" redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  fi
  wait_for 'Redis on 127.0.0.1:6379' redis_answers
fi

# 3. PostgreSQL: the tests create and drop their databases as `postgres`, without a password.
if ! answers 5432; then
  say 'starting PostgreSQL'
  if systemd; then
    "${SUDO[@]}" systemctl start postgresql
  else
    "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  fi
  wait_for 'PostgreSQL on 127.0.0.1:5432' answers 5432
  wait_for 'PostgreSQL on 127.0.0.1:5432' pg_isready -h 127.0.0.1 -p 5432 -q
fi
if command -v psql >/dev/null && ! pg_signs_in; then
  # Debian asks a password over TCP: let `postgres` in from 127.0.0.1 alone (the first matching line wins).
  hba=$(as_user postgres psql -Atqc 'SHOW hba_file')
  say "letting postgres sign in from 127.0.0.1 without a password ($hba)"
  "${SUDO[@]}" sed -i '1i host all postgres 127.0.0.1/32 trust # calumet tests (npm run test:setup)' "$hba"
  as_user postgres psql -Atqc 'SELECT pg_reload_conf()' >/dev/null
  wait_for 'PostgreSQL sign-in as postgres' pg_signs_in
fi

# 4. MariaDB: WordPress signs in as `root` without a password, over TCP.
if ! answers 3306; then
  say 'starting MariaDB'
  if systemd; then
    "${SUDO[@]}" systemctl start mariadb
  else
    "${SUDO[@]}" install -d -o mysql -g mysql /run/mysqld
    "${SUDO[@]}" start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  fi
  wait_for 'MariaDB on 127.0.0.1:3306' answers 3306
fi
if command -v mariadb >/dev/null && ! mariadb_signs_in; then
  # Debian's root signs in through the Unix socket alone: add an empty password over TCP (by name or by address).
  say 'letting root sign in to MariaDB from 127.0.0.1 without a password'
  "${SUDO[@]}" mariadb -u root -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
    CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
  wait_for 'MariaDB sign-in as root' mariadb_signs_in
fi

# 5. The WordPress tests write their configs into /etc/wordpress (Debian's package reads them there).
if [ ! -w /etc/wordpress ] && [ -d /etc/wordpress ]; then
  say "letting group $(id -gn) write /etc/wordpress"
  "${SUDO[@]}" chgrp "$(id -gn)" /etc/wordpress
  "${SUDO[@]}" chmod g+w /etc/wordpress
fi

say 'ready (npm ci && npm test)'
