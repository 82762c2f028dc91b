# Sourced by ./mvnw just before it starts Maven: Maven runs on a JDK 21 or newer even where the
# default java is older. Maven itself needs it, not only javac and the tests: google-java-format,
# which the build runs inside Maven, parses the sources with the JDK that runs it.
#
# Keeps JAVA_HOME, or else the java on the PATH, when it is 21 or newer. Otherwise takes the oldest
# JDK 21+ (the closest to the Java 21 the project targets) from JAVA<n>_HOME or the usual places,
# the same ones the jar's launcher searches (io.smsfoundation.launcher.JavaHomes), and exports it as
# JAVA_HOME. Where there is none, says so on the first line and stops. POSIX sh; mvnw runs with
# `set -euf`, so globbing is switched on around the search only. scripts/load sources it too.

sms_required_java=21

# The feature version (17, 21...) of the JDK home $1, from its release file; empty when unknown.
sms_release_feature() {
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' "$1/release" | head -n 1
}

# The feature version of the java command $1.
sms_command_feature() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' | head -n 1
}

sms_select_jdk() {
  sms_user_home="${HOME:-/nonexistent}"
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    sms_default="JAVA_HOME ($JAVA_HOME)"
    sms_feature="$(sms_release_feature "$JAVA_HOME")"
    [ -n "$sms_feature" ] || sms_feature="$(sms_command_feature "$JAVA_HOME/bin/java")"
  elif sms_java="$(command -v java 2>/dev/null)" && [ -n "$sms_java" ]; then
    sms_default="the java on the PATH ($sms_java)"
    sms_feature="$(sms_command_feature "$sms_java")"
  else
    sms_default="no java on the PATH"
    sms_feature=0
  fi
  [ "${sms_feature:-0}" -lt "$sms_required_java" ] || return 0

  sms_best=""
  sms_best_feature=1000
  sms_try() {
    if [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ]; then
      sms_candidate="$(sms_release_feature "$1")"
      if [ -n "$sms_candidate" ] && [ "$sms_candidate" -ge "$sms_required_java" ] &&
        [ "$sms_candidate" -lt "$sms_best_feature" ]; then
        sms_best="$1" sms_best_feature="$sms_candidate"
      fi
    fi
  }
  sms_homes="$(env | sed -n 's/^JAVA[0-9][0-9]*_HOME=//p')"
  while IFS= read -r sms_home; do
    [ -z "$sms_home" ] || sms_try "$sms_home"
  done <<EOF
$sms_homes
EOF
  case $- in *f*) sms_glob_was_off=1 ;; *) sms_glob_was_off=0 ;; esac
  set +f
  for sms_home in \
    "$sms_user_home"/.sdkman/candidates/java/* "$sms_user_home"/.jdks/* "$sms_user_home"/.m2/jdks/* "$sms_user_home"/.gradle/jdks/* \
    "$sms_user_home"/.asdf/installs/java/* "$sms_user_home"/.local/share/mise/installs/java/* \
    "$sms_user_home"/.jbang/cache/jdks/* /usr/lib/jvm/* /usr/java/* /usr/jdk/* /usr/local/java/* \
    /opt/java/* /opt/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
    "$sms_user_home"/Library/Java/JavaVirtualMachines/*/Contents/Home \
    /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
    /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    sms_try "$sms_home"
  done
  [ "$sms_glob_was_off" = 0 ] || set -f

  if [ -z "$sms_best" ]; then
    echo "Building SMS Foundation needs a JDK $sms_required_java or newer and none was found: install one," \
      "for example \"sudo apt install openjdk-21-jdk\", \"brew install openjdk@21\"" \
      "or \"sdk install java 21-tem\", then run this again." >&2
    echo "(Maven would run on $sms_default, Java ${sms_feature:-unknown}. Looked in JAVA<n>_HOME," \
      "~/.sdkman, ~/.jdks, ~/.m2/jdks, ~/.gradle/jdks, ~/.asdf, mise, ~/.jbang, /usr/lib/jvm," \
      "/usr/java, /usr/jdk, /usr/local/java, /opt/java, /opt, /Library/Java and Homebrew;" \
      "a JDK elsewhere can be named with JAVA_HOME.)" >&2
    exit 1
  fi
  case " $* " in
  *" -q "* | *" --quiet "*) ;;
  *) echo "${0##*/}: $sms_default is Java ${sms_feature:-unknown}; building with the JDK $sms_best_feature in $sms_best" >&2 ;;
  esac
  JAVA_HOME="$sms_best"
  export JAVA_HOME
}

sms_select_jdk "$@"
