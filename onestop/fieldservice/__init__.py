"""Field service (送货安装与上门服务): orders, appointments, dispatch, signed records."""
