package azure

import (
	"context"
	"fmt"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// SignIn is a way to get a credential.
type SignIn string

// Sign-in methods. Auto tries the Azure CLI login, then a service
// principal from the environment (AZURE_TENANT_ID, AZURE_CLIENT_ID and a
// secret or certificate), then a managed identity.
const (
	SignInAuto            SignIn = "auto"
	SignInCLI             SignIn = "cli"
	SignInEnvironment     SignIn = "env"
	SignInManagedIdentity SignIn = "managed-identity"
	SignInDeviceCode      SignIn = "device-code"
)

// SignIns lists the sign-in methods, for flags and the wizard.
var SignIns = []SignIn{SignInAuto, SignInCLI, SignInEnvironment, SignInManagedIdentity, SignInDeviceCode}

// CredentialOptions configure NewCredential.
type CredentialOptions struct {
	// TenantID limits sign-in to one tenant (optional).
	TenantID string
	// ClientID is the application to sign in with by device code (default:
	// the Azure CLI's public client). An app registration of the
	// organization's own, granted the Graph read permissions with admin
	// consent, gives a Graph token that carries them.
	ClientID string
	// Prompt shows the device code message ("To sign in, use a web browser
	// to open ... and enter the code ..."). Required for device code.
	Prompt func(message string)
}

// NewCredential returns a credential for the method. Nothing is stored:
// tokens live in memory for the run (the Azure CLI keeps its own login), and
// ssrm never prints or logs one.
func NewCredential(m SignIn, o CredentialOptions) (azcore.TokenCredential, error) {
	switch m {
	case SignInCLI:
		return azidentity.NewAzureCLICredential(&azidentity.AzureCLICredentialOptions{TenantID: o.TenantID})
	case SignInEnvironment:
		return azidentity.NewEnvironmentCredential(nil)
	case SignInManagedIdentity:
		return azidentity.NewManagedIdentityCredential(nil)
	case SignInDeviceCode:
		if o.Prompt == nil {
			return nil, fmt.Errorf("device code sign-in needs somewhere to show the code")
		}
		return azidentity.NewDeviceCodeCredential(&azidentity.DeviceCodeCredentialOptions{
			TenantID: o.TenantID, ClientID: o.ClientID,
			UserPrompt: func(_ context.Context, msg azidentity.DeviceCodeMessage) error {
				o.Prompt(msg.Message)
				return nil
			},
		})
	case SignInAuto, "":
		var chain []azcore.TokenCredential
		if c, err := azidentity.NewAzureCLICredential(&azidentity.AzureCLICredentialOptions{TenantID: o.TenantID}); err == nil {
			chain = append(chain, c)
		}
		if os.Getenv("AZURE_CLIENT_ID") != "" {
			if c, err := azidentity.NewEnvironmentCredential(nil); err == nil {
				chain = append(chain, c)
			}
		}
		if c, err := azidentity.NewManagedIdentityCredential(nil); err == nil {
			chain = append(chain, c)
		}
		return azidentity.NewChainedTokenCredential(chain, nil)
	}
	return nil, fmt.Errorf("unknown sign-in method %q: use one of auto, cli, env, managed-identity, device-code", m)
}
