-- A device's token speaks for one township: the township a batch may name. NULL: not bound yet (a
-- device registered without one, through the Java API or before this version): its first batch binds it.
ALTER TABLE device ADD COLUMN township VARCHAR(100);

-- Devices that already uploaded are bound to the township their records were filed under; a device
-- whose records name more than one township is bound to none that can match ('', refused until the
-- administrator issues it a new token with hub token --township).
CREATE TABLE device_township_seen AS
    SELECT device, MIN(township) AS township, COUNT(DISTINCT township) AS townships
    FROM sync_record GROUP BY device;
UPDATE device SET township = (
    SELECT CASE WHEN s.townships = 1 THEN s.township ELSE '' END
    FROM device_township_seen s WHERE s.device = device.name);
DROP TABLE device_township_seen;
