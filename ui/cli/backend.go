package cli

import (
	"fmt"
	"strings"

	"caigou/ui/sanitize"
)

// The backends.
const (
	backendXport = "xport"
	backend1688  = "1688"
)

// SecretEnv1688 is the environment variable the 1688 app secret may come
// from instead of the config file (never the command line).
const SecretEnv1688 = "CAIGOU_1688_APP_SECRET"

// backendName reads a backend's name as people write it; "" is the
// config's choice.
func backendName(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", true
	case "xport", "xportcn", "ka":
		return backendXport, true
	case "1688", "ali1688", "open1688":
		return backend1688, true
	}
	return "", false
}

// backendOf is the backend a command runs on: --backend, else the
// config's backend, else Xportcn.
func backendOf(cf *commonFlags, l *loaded) (string, error) {
	if cf.backend != "" {
		return cf.backend, nil
	}
	if l == nil || l.Backend == "" {
		return backendXport, nil
	}
	b, ok := backendName(l.Backend)
	if !ok {
		where := ""
		if n := keyLine(l.Source, "", "backend"); n > 0 {
			where = fmt.Sprintf("line %d: ", n)
		}
		return "", fmt.Errorf("%sbackend = %q: use \"xport\" (the Xportcn KA API) or \"1688\" (the 1688 Open Platform)", where, sanitize.Line(l.Backend))
	}
	return b, nil
}

// live1688 reports whether the config describes a 1688 app: then a
// missing secret is an error, not a quiet fall-back to the sandbox.
func (l *loaded) live1688() bool {
	a := l.Ali1688
	return a.AppKey != "" || a.AppSecret != "" || a.BaseURL != ""
}

// sanitizeArg shows a command-line value in a message.
func sanitizeArg(s string) string { return sanitize.Truncate(sanitize.Line(s), 40) }

// configBackend is the backend the config file names, "" when it cannot
// be read (the check then says why, on the Xportcn path).
func configBackend(env Env, cf *commonFlags) string {
	l, err := load(env, cf.configPath, cf.explicit)
	if err != nil || l == nil {
		return ""
	}
	b, _ := backendName(l.Backend)
	return b
}
