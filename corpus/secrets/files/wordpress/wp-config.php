<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_prod' );
define( 'DB_PASSWORD', 'Falcon@ember9504' );
define( 'DB_HOST', 'mysql.internal' );
define( 'AUTH_KEY', 'gPMlMSup;@0FA|3?/zmn]{@o20=0;/ST/w-L% pF]cu5]y~xAg[>b_YD+$:Q7,I2' );
define( 'SECURE_AUTH_KEY', 'Oar]rBiptJrt^O.xFPyTY4eD f;k]gYgv9@ HutpUd,q|!gMJfC;[akF:oj+[LAC' );
define( 'LOGGED_IN_KEY', 'Y?Q3HBd[OP=.<>9sXH;Gd[J{=Oa^9/CH>Gg6mHHL20IT |D7r>LVm(V6Z?S;+Ws?' );
define( 'NONCE_KEY', 'put your unique phrase here' );
define( 'WP_REDIS_PASSWORD', getenv( 'WP_REDIS_PASSWORD' ) );
define( 'WP_DEBUG', false );
