package push

var defaults = Config{
	DeviceTokens: []string{"58b3e9e9281fb4798964240b9024656659e0625f17c2246724fac27dd585f934"},
	Topics: []string{},
}
