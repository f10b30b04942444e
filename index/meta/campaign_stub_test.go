package meta_test

import "khovanban/index/meta"

var campaignNames = map[string]string{}

func primaryCampaign(r meta.Result, text string) string { return "" }
