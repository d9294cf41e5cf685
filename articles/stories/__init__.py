"""What a story is made of besides its own fields: what is worked out when it is saved (`derived`),
what it is filed under (`filing`) and the stories related to it (`related`)."""
