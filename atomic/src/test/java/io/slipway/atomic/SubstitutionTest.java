package io.slipway.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Substitution as Project Atomic does it (Atomic/atomic.py gen_cmd, sub_env_strings, cmd_env; Atomic/util.py
 * expandvars), but word by word after a POSIX split, so that values cannot change the command's shape.
 */
class SubstitutionTest {

    private static final HostIdentity HOST = new HostIdentity("1000", "1001");

    private static Substitution sub(Substitution.Value opt1, Substitution.Value opt2, boolean compat) {
        return Substitution.forService("shop-web", "acme/web:1", new ServiceOptions(true, true, false,
                Arrays.asList(opt1, opt2, null)), "/srv/specs", HOST, compat);
    }

    private static Substitution plain() {
        return sub(null, null, false);
    }

    @Test
    void bareWordsAreReplacedAsGenCmdDoes() {
        assertEquals(List.of("docker", "run", "-e", "NAME=shop-web", "-e", "IMAGE=acme/web:1", "--name", "shop-web",
                "acme/web:1"), plain().argv("docker run -e NAME=NAME -e IMAGE=IMAGE --name NAME IMAGE"));
        // only whole words: gen_cmd compares each word with ==
        assertEquals(List.of("NAMES", "xIMAGE", "NAME=IMAGE", "name"), plain().argv("NAMES xIMAGE NAME=IMAGE name"));
    }

    @Test
    void bracedAndBareVariablesAreExpandedInsideWords() {
        assertEquals(List.of("-v", "/etc/shop-web:/etc/acme/web:1", "--name=shop-web", "shop-web-acme/web:1"),
                plain().argv("-v /etc/$NAME:/etc/${IMAGE} --name=${NAME} $NAME-$IMAGE"));
        assertEquals(List.of("/srv/specs", "1000", "1001"), plain().argv("$PWD ${SUDO_UID} $SUDO_GID"));
    }

    @Test
    void unresolvedVariablesAreDroppedUpToTheNextBlank() {
        // re.sub(r'\$\{?\S*\}?', '', ...) after expandvars; words left empty disappear in atomic's re-split
        assertEquals(List.of("a", "x", "--opt=", "b"), plain().argv("a $UNSET x$UNSET/y ${UNSET} --opt=${UNSET} b"));
        assertEquals(List.of("echo", "end"), plain().argv("echo $(id) $ ${NAME:-dflt} $$ end"));
        assertEquals(List.of("sh", "-c", "echo  done"), plain().argv("sh -c 'echo $HOME done'"),
                "the caller's environment is not substituted, and a quoted word keeps its blanks");
        assertEquals(List.of("", "x"), plain().argv("'' x"), "an empty word written as such stays");
    }

    @Test
    void optionsAreSubstitutedOnlyWhenSet() {
        assertEquals(List.of("run", "IMG"), plain().argv("run $OPT1 ${OPT2} IMG"));
        Substitution s = sub(Substitution.Value.of("--rm"), Substitution.Value.of("-t"), false);
        assertEquals(List.of("run", "--rm", "-t", "IMG"), s.argv("run $OPT1 ${OPT2} IMG"));
    }

    @Test
    void aValueIsOneWordWhateverItContains() {
        String hostile = "a b' \"c\"; rm -rf / $(id) `id` ${NAME} $OPT2 | x\nnext";
        Substitution s = sub(Substitution.Value.of(hostile), Substitution.Value.of("two"), false);
        assertEquals(List.of("printf", "[%s]", hostile, "pre-" + hostile + "-post", "two"),
                s.argv("printf '[%s]' $OPT1 pre-${OPT1}-post $OPT2"));
        assertEquals(List.of("x", "$NAME"), sub(Substitution.Value.of("$NAME"), null, false).argv("x $OPT1"),
                "a value is not scanned again");
    }

    @Test
    void aWordListValueIsSeveralWordsOnlyAsAWholeWord() {
        Substitution s = sub(Substitution.Value.words(List.of("-p", "8080:80")), null, false);
        assertEquals(List.of("run", "-p", "8080:80", "x=-p 8080:80", "IMG"), s.argv("run $OPT1 x=${OPT1} IMG"));
        Substitution runOpts = plain().with("RUN_OPTS", new Substitution.Value("-e A=1", List.of("-e", "A=1")));
        assertEquals(List.of("docker", "run", "-e", "A=1", "IMG"), runOpts.argv("docker run ${RUN_OPTS} IMG"));
    }

    @Test
    void compat2015AddsTheDirectoriesOfThatTime() {
        String label = "-v $CONFDIR:/etc/x -v ${LOGDIR}:/var/log/x -e DATADIR=$DATADIR";
        // without compat the variables are unknown, and atomic's clean-up eats each up to the next blank
        assertEquals(List.of("-v", "-v", "-e", "DATADIR="), plain().argv(label));
        assertEquals(List.of("-v", "/etc/shop-web:/etc/x", "-v", "/var/log/shop-web:/var/log/x", "-e",
                "DATADIR=/var/lib/shop-web"), sub(null, null, true).argv(label));
    }

    @Test
    void theEnvironmentIsAtomicsCmdEnv() {
        Map<String, String> env = sub(Substitution.Value.words(List.of("-p", "80")), null, true).environment();
        assertEquals(Map.of("NAME", "shop-web", "IMAGE", "acme/web:1", "OPT1", "-p 80", "PWD", "/srv/specs",
                "SUDO_UID", "1000", "SUDO_GID", "1001", "CONFDIR", "/etc/shop-web", "LOGDIR", "/var/log/shop-web",
                "DATADIR", "/var/lib/shop-web"), env);
        assertFalse(plain().environment().containsKey("OPT1"));
    }

    @Test
    void aBadlyQuotedLabelIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> plain().argv("docker run 'oops"));
    }

    @Test
    void sudoIdsComeFromTheEnvironmentElseTheLoginUid(@TempDir Path dir) throws Exception {
        Path loginuid = dir.resolve("loginuid");
        Files.writeString(loginuid, "4294967295");
        assertEquals(new HostIdentity("0", "0"), HostIdentity.of(Map.of(), loginuid), "unset login uid: 0");
        Files.writeString(loginuid, "1000");
        assertEquals(new HostIdentity("1000", "1000"), HostIdentity.of(Map.of(), loginuid));
        assertEquals(new HostIdentity("7", "1000"), HostIdentity.of(Map.of("SUDO_UID", "7"), loginuid));
        assertEquals(new HostIdentity("0", "0"), HostIdentity.of(Map.of(), dir.resolve("absent")));
    }
}
