ALTER TABLE `services` ADD `coupons` json DEFAULT ('[]') NOT NULL;--> statement-breakpoint
UPDATE `services` SET `coupons` = JSON_ARRAY(JSON_OBJECT('couponId', `coupon_id`, 'cyclesRemaining', `coupon_cycles_remaining`)) WHERE `coupon_id` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `services` DROP COLUMN `coupon_id`;--> statement-breakpoint
ALTER TABLE `services` DROP COLUMN `coupon_cycles_remaining`;
