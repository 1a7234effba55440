//go:build tools

// Pins flannel's module (go.sum); scripts/testhosts/build-components builds flanneld from a copy
// of its source (see there why), and install-conf.
package tools

import (
	_ "github.com/flannel-io/flannel/cmd/install_conf"
)
