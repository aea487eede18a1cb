package pipedrive

// V2Services groups the API v2 services; the v2 work fills it in.
type V2Services struct{}

func (c *Client) initV2(s *service) { c.V2 = &V2Services{} }
