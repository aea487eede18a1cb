package pipedrive

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const webhookJSON = `{"id":88,"company_id":7001,"owner_id":12,"user_id":12,"event_action":"*","event_object":"deal",
"subscription_url":"https://hooks.example.com/pipedrive","version":"2.0","is_active":1,"add_time":"2026-12-05 10:00:00",
"remove_time":null,"type":"general","http_auth_user":"pd-user","http_auth_password":"pd-secret-password",
"remove_reason":null,"last_delivery_time":null,"last_http_status":null,"admin_id":12,"name":"CRM sync"}`

func TestWebhooksCreate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/webhooks", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"subscription_url":"https://hooks.example.com/pipedrive","event_action":"*","event_object":"deal",
			"name":"CRM sync","http_auth_user":"pd-user","http_auth_password":"pd-secret-password","version":"2.0"}`)
		writeJSON(t, w, http.StatusCreated, `{"success":true,"status":"ok","data":`+webhookJSON+`}`)
	})
	wh, resp, err := env.client.Webhooks.Create(context.Background(), &WebhookCreateParams{
		SubscriptionURL: "https://hooks.example.com/pipedrive", EventAction: WebhookAnyAction, EventObject: WebhookDeal,
		Name: "CRM sync", HTTPAuthUser: "pd-user", HTTPAuthPassword: "pd-secret-password",
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, 88, wh.ID)
	assert.Equal(t, WebhookAnyAction, wh.EventAction)
	assert.True(t, bool(wh.IsActive))
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, *wh), "pd-secret", verb)
	}
}

func TestWebhooksListDelete(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/webhooks", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"status":"ok","data":[`+webhookJSON+`]}`)
	})
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "88", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, `{"success":true,"status":"ok"}`)
	})
	list, _, err := env.client.Webhooks.List(context.Background())
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "https://hooks.example.com/pipedrive", list[0].SubscriptionURL)
	_, err = env.client.Webhooks.Delete(context.Background(), 88)
	require.NoError(t, err)
}

// TestWebhooksCreateRefused: what Pipedrive refuses, or what would accept
// forged events, is refused before any request.
func TestWebhooksCreateRefused(t *testing.T) {
	env := setupRaw(t)
	ok := WebhookCreateParams{SubscriptionURL: "https://hooks.example.com/p", EventAction: WebhookChange,
		EventObject: WebhookDeal, Name: "n", HTTPAuthUser: "u", HTTPAuthPassword: "p"}
	for _, tc := range []struct {
		name  string
		edit  func(*WebhookCreateParams)
		field string
	}{
		{"no auth", func(p *WebhookCreateParams) { p.HTTPAuthUser, p.HTTPAuthPassword = "", "" }, "http_auth_user"},
		{"only a user", func(p *WebhookCreateParams) { p.HTTPAuthPassword = "" }, "http_auth_user"},
		{"auth and WithoutAuth", func(p *WebhookCreateParams) { p.WithoutAuth = true }, "http_auth_user"},
		{"http", func(p *WebhookCreateParams) { p.SubscriptionURL = "http://hooks.example.com/p" }, "subscription_url"},
		{"relative", func(p *WebhookCreateParams) { p.SubscriptionURL = "/hooks" }, "subscription_url"},
		{"pipedrive api", func(p *WebhookCreateParams) { p.SubscriptionURL = "https://api.pipedrive.com/v1/deals" }, "subscription_url"},
		{"company domain", func(p *WebhookCreateParams) { p.SubscriptionURL = "https://acme.pipedrive.com/api/v1/x" }, "subscription_url"},
		{"maton", func(p *WebhookCreateParams) { p.SubscriptionURL = "https://gateway.maton.ai/pipedrive" }, "subscription_url"},
		{"credentials in URL", func(p *WebhookCreateParams) { p.SubscriptionURL = "https://u:p@hooks.example.com/" }, "subscription_url"},
		{"action", func(p *WebhookCreateParams) { p.EventAction = "updated" }, "event_action"},
		{"object", func(p *WebhookCreateParams) { p.EventObject = "deals" }, "event_object"},
		{"name", func(p *WebhookCreateParams) { p.Name = " " }, "name"},
		{"long name", func(p *WebhookCreateParams) { p.Name = strings.Repeat("x", 256) }, "name"},
		{"version", func(p *WebhookCreateParams) { p.Version = "3.0" }, "version"},
		{"colon in user", func(p *WebhookCreateParams) { p.HTTPAuthUser = "a:b" }, "http_auth_user"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ok
			tc.edit(&p)
			_, _, err := env.client.Webhooks.Create(context.Background(), &p)
			var ve *ValidationError
			require.True(t, errors.As(err, &ve), "%v", err)
			assert.Equal(t, tc.field, ve.Field)
			assert.NotContains(t, err.Error(), "pd-secret")
		})
	}
	_, err := env.client.Webhooks.Delete(context.Background(), 0)
	assert.Error(t, err)
	assert.Zero(t, env.requests.Load(), "nothing sent")
}
