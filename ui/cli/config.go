package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/state"
	"caigou/xport/ali1688"
	"caigou/xport/xportcn"
)

// LogConfig is the [log] section.
type LogConfig struct {
	// Debug logs every API call (method, path, code, requestId, duration).
	// Off by default; warnings and errors with their request ids are always
	// logged.
	Debug bool `toml:"debug"`
	// File is where the log goes (default $XDG_STATE_HOME/caigou/caigou.log).
	File string `toml:"file"`
}

// Config is the whole config file, one section per package that owns it.
type Config struct {
	Xport xportcn.Config `toml:"xport"`
	UI    common.Config  `toml:"ui"`
	Keys  keys.Config    `toml:"keys"`
	Log   LogConfig      `toml:"log"`
	// Freight is the international freight rate card.
	Freight FreightConfig `toml:"freight"`
	// Backend is the marketplace backend: "xport" (the default, the
	// Xportcn KA API) or "1688" (the 1688 Open Platform, [ali1688]).
	Backend string `toml:"backend"`
	// Ali1688 is the 1688 Open Platform app.
	Ali1688 ali1688.Config `toml:"ali1688"`
	// Source is the file's text, to name the line of a problem found
	// after decoding (atLines). Never shown: it may hold the secret.
	Source string `toml:"-"`
}

// Loader reads and strictly decodes a config file: main.go provides it.
type Loader func(path string) (Config, error)

// loaded is a config with where it came from.
type loaded struct {
	Config
	Path         string
	Found        bool
	SecretSource string // "file", "environment" or ""
	Mode         os.FileMode
}

// ErrUnsafeConfig marks a config file that other users can read.
var ErrUnsafeConfig = errors.New("config file is not private")

// load finds, checks and decodes the config. A missing default file is not
// an error (the desk runs on the sandbox); a missing file named with
// --config is. Only a small regular file of the user's that nobody else
// can change is used (state.ReadConfig says why another is refused): the
// file chooses where the signed calls go, even when the secret comes
// from the environment.
func load(env Env, path string, explicit bool) (*loaded, error) {
	l := &loaded{Path: path}
	_, fi, err := state.ReadConfig(path, env.Getenv)
	switch {
	case errors.Is(err, os.ErrNotExist) && !explicit:
		l.applySecretEnv(env)
		return l, nil
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("config file %s does not exist; copy config.example.toml there, or leave out --config to use the sandbox", path)
	case errors.Is(err, state.ErrUnsafe):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("cannot read config file %s: %w", path, err)
	}
	l.Found = true
	l.Mode = fi.Mode().Perm()
	// The loader reads the file again, through the same checks.
	cfg, err := env.Load(path)
	if err != nil {
		if errors.Is(err, state.ErrUnsafe) {
			return nil, err
		}
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	l.Config = cfg
	if cfg.Xport.AccessSecret != "" || cfg.Ali1688.AppSecret != "" {
		l.SecretSource = "file"
		// Like ssh with a private key: a secret others can read is refused.
		if _, err := state.CheckPrivate(path); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnsafeConfig, err)
		}
	}
	l.applySecretEnv(env)
	// A wrong [ui] value refuses the desk; the loaded file comes back
	// with it so check can go on to say every other problem too.
	_, ferr := l.Freight.RateCard()
	if err := errors.Join(l.UI.Validate(), ferr); err != nil {
		return l, atLines(l.Source, err)
	}
	return l, nil
}

func (l *loaded) applySecretEnv(env Env) {
	if s := env.Getenv(xportcn.SecretEnv); s != "" {
		l.Xport.AccessSecret = strings.TrimSpace(s)
		l.SecretSource = "environment"
	}
	if s := env.Getenv(SecretEnv1688); s != "" {
		l.Ali1688.AppSecret = strings.TrimSpace(s)
		l.SecretSource = "environment"
	}
}

// live reports whether the config describes a live account: anything set
// in [xport] means the user meant to go live, and then a missing secret is
// an error rather than a silent fall-back to the sandbox.
func (l *loaded) live() bool {
	x := l.Xport
	return x.AccessKey != "" || x.AccessSecret != "" || x.UserID != "" || x.BaseURL != ""
}
