#!/usr/bin/env bash
# Makes one broker of the LGSP Artemis pair from the standalone distribution and etc/artemis/:
#   etc/artemis/create-instance.sh ARTEMIS_HOME INSTANCE_DIR
# ARTEMIS_HOME: the unpacked apache-artemis-<version>-bin.tar.gz (the version of the platform's
# client). The passwords come from the environment and are stored hashed in the instance's
# etc/artemis-users.properties; none is written to this repository:
#   ARTEMIS_ADMIN_USER (lgsp-admin), ARTEMIS_ADMIN_PASSWORD   administrators (role amq: everything)
#   LGSP_ARTEMIS_USER (lgsp), LGSP_ARTEMIS_PASSWORD           the platform's nodes (role lgsp)
# The broker's own settings (ARTEMIS_HA_ROLE, ARTEMIS_PORT, ARTEMIS_PEER_URL, ARTEMIS_CLUSTER_PASSWORD...)
# are read when it starts (see broker.xml); start it with INSTANCE_DIR/bin/artemis run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${1:?usage: create-instance.sh ARTEMIS_HOME INSTANCE_DIR}"
instance="${2:?usage: create-instance.sh ARTEMIS_HOME INSTANCE_DIR}"
: "${ARTEMIS_ADMIN_PASSWORD:?set ARTEMIS_ADMIN_PASSWORD}"
: "${LGSP_ARTEMIS_PASSWORD:?set LGSP_ARTEMIS_PASSWORD}"

# The distribution's layout (bin/artemis, etc/artemis.profile, login.config, log4j2.properties...),
# without its web console; the broker configuration is then replaced by ours. "artemis create"
# takes the administrator's password on its command line, which every user of the machine can
# read, so it gets a throwaway one here, replaced below.
"$home/bin/artemis" create "$instance" --silent --force --require-login --no-web --no-autotune \
  --user "${ARTEMIS_ADMIN_USER:-lgsp-admin}" --password "throwaway-$RANDOM$RANDOM$RANDOM" --role amq \
  ${ARTEMIS_CREATE_OPTIONS:-} >/dev/null
cp "$here/broker.xml" "$here/ha-primary.xml" "$here/ha-backup.xml" "$instance/etc/"
# Both users' passwords hashed as "artemis mask --hash" hashes them, read from the environment by
# HashPassword.java (the distribution's own codec), never from a command line.
hash() {
  local java="java"
  [ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
  "$java" -cp "$home/lib/*" "$here/HashPassword.java" "$1"
}
admin_hash="$(hash ARTEMIS_ADMIN_PASSWORD)"
lgsp_hash="$(hash LGSP_ARTEMIS_PASSWORD)"
users="$instance/etc/artemis-users.properties"
grep -v "^${ARTEMIS_ADMIN_USER:-lgsp-admin} *=" "$users" > "$users.new" || true
printf '%s = ENC(%s)\n%s = ENC(%s)\n' "${ARTEMIS_ADMIN_USER:-lgsp-admin}" "$admin_hash" \
  "${LGSP_ARTEMIS_USER:-lgsp}" "$lgsp_hash" >> "$users.new"
mv "$users.new" "$users"
printf '\nlgsp = %s\n' "${LGSP_ARTEMIS_USER:-lgsp}" >> "$instance/etc/artemis-roles.properties"
echo "Artemis instance ready: $instance (start: $instance/bin/artemis run)"
